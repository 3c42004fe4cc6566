import type { Page } from "@playwright/test";
import { demoAdmin, expect, test, waitForHydration } from "./fixtures";
import { expectNoHorizontalScroll } from "./support/accessibility";
import { completeConnect, connectFrame, createEmployer } from "./support/onboarding";

/** The main journeys on a phone-sized screen: nothing scrolls sideways, the menu replaces the sidebar. */
test.use({ viewport: { width: 390, height: 844 } });
test.describe.configure({ timeout: 180_000 });

const SCREENS = "test-results/screens";

async function expectFits(page: Page, name: string) {
  await waitForHydration(page);
  await expectNoHorizontalScroll(page, name);
}

/** Whether an element lies wholly inside the viewport's width (not cut off at the right). */
async function expectInsideViewport(page: Page, locator: ReturnType<Page["getByRole"]>) {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
}

test("on a phone: sign in, navigate by the menu, open an employer and connect it", async ({
  page,
}) => {
  // Signed in as the demo admin; the name and e-mail are not shown at this width.
  const { email, password } = await demoAdmin(page);
  await expectFits(page, "login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expectFits(page, "overview");
  await page.screenshot({ path: `${SCREENS}/phone-overview.png`, fullPage: true });

  // The header fits: the role badge and Sign out are on screen.
  const header = page.getByRole("banner");
  await expectInsideViewport(page, header.getByRole("button", { name: "Sign out" }));
  await expect(header.getByText("admin", { exact: true })).toBeInViewport();

  // The sidebar is hidden; the menu button opens the same sections, and Escape closes it.
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const nav = page.locator(`#${await menu.getAttribute("aria-controls")}`);
  await expect(nav).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/phone-menu.png` });
  await expect(nav.getByRole("link", { name: "Overview" })).toBeFocused();
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();

  await menu.click();
  await nav.getByRole("link", { name: "Employers" }).click();
  await page.waitForURL(/\/employers$/);
  await expect(nav).toBeHidden();
  await expectFits(page, "employers");
  await page.screenshot({ path: `${SCREENS}/phone-employers.png`, fullPage: true });

  const employer = await createEmployer(page, { name: `Pocket Payroll ${Date.now()}` });
  await expectFits(page, "employer, not connected");
  const connect = page.getByRole("button", { name: "Connect with Finch" });
  await expectInsideViewport(page, connect);
  await connect.click();
  await page.getByRole("dialog", { name: "Start Finch Connect" }).waitFor();
  await expectNoHorizontalScroll(page, "Connect dialog");
  await page.getByRole("button", { name: "Open Finch Connect" }).click();
  const frame = await connectFrame(page);
  await expect(frame.getByRole("dialog", { name: "Finch Connect" })).toBeInViewport();
  await completeConnect(page, { provider: "automated" });
  await expect(page.getByTestId("connect-result")).toContainText("Connected to ADP Run");
  await expectFits(page, "employer, connected");
  await page.screenshot({ path: `${SCREENS}/phone-employer.png`, fullPage: true });

  for (const tab of ["company", "directory", "payroll", "deductions"]) {
    await page.goto(`${employer.url}?tab=${tab}`);
    await expectFits(page, `data tab ${tab}`);
  }
  for (const path of [
    `${employer.url}/edit`,
    "/employers/new",
    "/issues",
    "/deductions",
    "/activity",
    "/outbox",
    "/webhooks",
    "/settings",
    "/settings/users",
    "/settings/api-keys",
    "/settings/notifications",
    "/settings/branding",
    "/settings/connect",
  ]) {
    await page.goto(path);
    await expectFits(page, path);
  }
});
