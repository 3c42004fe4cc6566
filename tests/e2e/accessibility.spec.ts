import type { Browser, Page } from "@playwright/test";
import { demoAdmin, expect, signIn, test, waitForHydration, type Credentials } from "./fixtures";
import { expectAccessible, expectNoHorizontalScroll } from "./support/accessibility";
import { advanceDemoClock } from "./support/monitoring";
import {
  completeConnect,
  connectFrame,
  createEmployer,
  type ConnectOptions,
} from "./support/onboarding";

/**
 * axe (WCAG 2 A and AA) on every page Perch has, in each state an employer page can be in, with
 * its dialogs and the embedded Connect open: no serious or critical violation anywhere.
 */

interface Portfolio {
  notConnected: string;
  connected: string;
  pending: string;
  wrongPermissions: string;
  inviteLink: string;
}

/** Connect with Finch → Open Finch Connect → the provider's flow, until Perch shows the outcome. */
async function connect(page: Page, options: ConnectOptions) {
  await waitForHydration(page);
  await page.getByRole("button", { name: "Connect with Finch" }).click();
  await page.getByRole("button", { name: "Open Finch Connect" }).click();
  await completeConnect(page, options);
  await expect(page.getByTestId("connect-result")).toBeVisible();
}

async function createInviteLink(page: Page): Promise<string> {
  await waitForHydration(page);
  await page.getByRole("button", { name: "Create invite link" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite the employer to connect" });
  await expectAccessible(page, "invite dialog");
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByLabel("Invite link").inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  return link;
}

async function visit(page: Page, path: string, name = path) {
  await page.goto(path);
  await waitForHydration(page);
  await expectAccessible(page, name);
  await expectNoHorizontalScroll(page, name);
}

/** Follows the first link in a table on the current page, then checks where it lands. */
async function visitFirstLinkIn(page: Page, table: string | RegExp, name: string) {
  await page.getByRole("table", { name: table }).getByRole("link").first().click();
  await page.waitForLoadState("load");
  await waitForHydration(page);
  await expectAccessible(page, name);
}

test.describe.configure({ timeout: 240_000 });

test.describe("accessibility", () => {
  let admin: Credentials;
  let page: Page;
  let portfolio: Portfolio;

  test.beforeAll(async ({ browser }: { browser: Browser }) => {
    test.setTimeout(300_000);
    // axe needs a page from a context the test made itself.
    page = await (await browser.newContext()).newPage();
    admin = await demoAdmin(page);
    await signIn(page, admin);
    const stamp = Date.now();
    const notConnected = await createEmployer(page, {
      name: `Axe Unconnected ${stamp}`,
      email: "hr@unconnected.example",
    });
    const inviteLink = await createInviteLink(page);
    const connected = await createEmployer(page, { name: `Axe Automated ${stamp}` });
    await connect(page, { provider: "automated" });
    const pending = await createEmployer(page, { name: `Axe Assisted ${stamp}` });
    await connect(page, { provider: "assisted" });
    const wrongPermissions = await createEmployer(page, {
      name: `Axe Wrong Permissions ${stamp}`,
      email: "hr@wrong.example",
    });
    await connect(page, { provider: "assisted", scenario: "wrong_permissions" });
    // A day on, Finch reports the wrong permissions and Perch opens an issue for it.
    await advanceDemoClock(page, "day");
    portfolio = {
      notConnected: notConnected.url,
      connected: connected.url,
      pending: pending.url,
      wrongPermissions: wrongPermissions.url,
      inviteLink,
    };
  });

  test.afterAll(async () => {
    await page.context().close();
  });

  test("the console's list and settings pages", async () => {
    for (const path of [
      "/",
      "/employers",
      "/employers/new",
      "/deductions",
      "/issues",
      "/webhooks",
      "/activity",
      "/outbox",
      "/settings",
      "/settings/users",
      "/settings/api-keys",
      "/settings/notifications",
      "/settings/branding",
      "/settings/connect",
    ])
      await visit(page, path);
    await page.goto("/");
    await page.screenshot({ path: "test-results/screens/desk-overview.png", fullPage: true });
    await page.goto("/employers");
    await page.screenshot({ path: "test-results/screens/desk-employers.png", fullPage: true });
    // Static pages outside the console's layout: no client code to wait for.
    for (const path of ["/forbidden", "/no-such-page"]) {
      await page.goto(path);
      await expectAccessible(page, path);
    }

    await page.goto("/issues?kind=employer_action_needed");
    const issue = page.getByRole("row").filter({ hasText: "Axe Wrong Permissions" });
    await issue.getByRole("link", { name: "Employer action needed" }).first().click();
    await page.waitForURL(/\/issues\/[0-9a-f-]{36}$/);
    await waitForHydration(page);
    await expectAccessible(page, "issue detail");
  });

  test("an employer page in each state, its edit page and unknown ids", async () => {
    await visit(page, portfolio.notConnected, "employer, not connected");
    await visit(page, `${portfolio.notConnected}/edit`, "edit employer");
    await visit(page, portfolio.pending, "employer, pending (assisted)");
    await visit(page, `${portfolio.pending}?tab=directory`, "employer, configuring data tab");
    await visit(page, portfolio.wrongPermissions, "employer, improper permissions");
    await visit(page, portfolio.connected, "employer, connected");
    await page.screenshot({ path: "test-results/screens/desk-employer.png", fullPage: true });
    await visit(page, "/employers/00000000-0000-4000-8000-000000000000", "unknown employer");
  });

  test("a connected employer's data tabs, an employee and a pay run", async () => {
    for (const tab of ["company", "directory", "payroll", "deductions"])
      await visit(page, `${portfolio.connected}?tab=${tab}`, `data tab ${tab}`);

    await page.goto(`${portfolio.connected}?tab=directory`);
    await visitFirstLinkIn(page, "Employee directory", "employee");
    await page.goto(`${portfolio.connected}?tab=payroll`);
    await visitFirstLinkIn(page, /Pay runs paid/, "pay run");
  });

  test("the Connect dialog and the embedded Connect, step by step", async () => {
    await page.goto(portfolio.notConnected);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Connect with Finch" }).click();
    await page.getByRole("dialog", { name: "Start Finch Connect" }).waitFor();
    await expectAccessible(page, "Start Finch Connect dialog");

    await page.getByRole("button", { name: "Open Finch Connect" }).click();
    const frame = await connectFrame(page);
    await expect(page.locator("#finch-connect-iframe")).toHaveAttribute("title", "Finch Connect");
    await expectAccessible(page, "Connect: provider list");
    await frame.getByRole("button", { name: "ADP Run", exact: true }).click();
    await expectAccessible(page, "Connect: consent");
    await frame.getByRole("button", { name: "Continue" }).click();
    await frame.getByLabel("Username").fill("bad_user");
    await frame.getByLabel("Password").fill("bad_pass");
    await frame.getByRole("button", { name: "Sign in" }).click();
    await expect(frame.getByRole("alert")).toBeVisible();
    await expectAccessible(page, "Connect: sign-in with an error");
    await frame.getByRole("button", { name: "← Back" }).click();
    await frame.getByRole("button", { name: "← Back" }).click();
    await frame.getByRole("button", { name: /^Paycom/ }).click();
    await frame.getByRole("button", { name: "Continue" }).click();
    await expectAccessible(page, "Connect: assisted steps");
  });

  test("by keyboard: the skip link, and Connect as a modal that Escape closes", async () => {
    await page.goto("/employers");
    await waitForHydration(page);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();

    await page.goto(portfolio.notConnected);
    await waitForHydration(page);
    const opener = page.getByRole("button", { name: "Connect with Finch" });
    await opener.click();
    await page.getByRole("button", { name: "Open Finch Connect" }).click();
    const frame = await connectFrame(page);
    const frameHasFocus = () =>
      page.evaluate(() => document.activeElement?.id === "finch-connect-iframe");
    await expect.poll(frameHasFocus).toBe(true);
    // On the consent step (three controls), however far one tabs, focus stays in Connect.
    await frame.getByRole("button", { name: "ADP Run", exact: true }).click();
    await expect(frame.getByRole("button", { name: "Continue" })).toBeFocused();
    for (let step = 0; step < 12; step += 1) {
      await page.keyboard.press("Tab");
      expect(await frameHasFocus()).toBe(true);
      await expect(frame.locator(".modal :focus")).toHaveCount(1);
    }
    await page.keyboard.press("Shift+Tab");
    expect(await frameHasFocus()).toBe(true);

    await page.keyboard.press("Escape");
    await expect(page.locator("#finch-connect-iframe")).toHaveCount(0);
    await expect(page.getByTestId("connect-result")).toContainText("Finch Connect was closed");
    await expect(opener).toBeFocused();
    // The page behind is usable again.
    await page.getByRole("button", { name: "Dismiss" }).click();
    await expect(page.getByTestId("connect-result")).toHaveCount(0);
  });

  test("the employer's public invite page, and the sign-in page", async ({ browser }) => {
    const guest = await (await browser.newContext()).newPage();
    await guest.goto(portfolio.inviteLink);
    await waitForHydration(guest);
    await expectAccessible(guest, "invite page");
    await guest.goto("/connect/not-a-token");
    await expectAccessible(guest, "invalid invite page");
    await guest.goto("/login");
    await waitForHydration(guest);
    await expectAccessible(guest, "login");
    await guest.context().close();
  });
});
