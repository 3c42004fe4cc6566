import type { Page } from "@playwright/test";
import { demoAdmin, expect, signIn, test, waitForHydration } from "./fixtures";
import { advanceDemoClock, demoNow } from "./support/monitoring";
import { connectThroughFinch, createEmployer } from "./support/onboarding";

const SCREENS = "test-results/screens";

/** The Finch connection id shown in the employer's onboarding panel. */
async function finchConnectionId(page: Page): Promise<string> {
  const value = page.locator("dt", { hasText: "Finch connection id" }).locator("+ dd");
  return ((await value.textContent()) ?? "").trim();
}

/** Reminder e-mails to one address, as the Outbox lists them. */
async function remindersTo(page: Page, email: string) {
  await page.goto("/outbox?channel=email");
  return page
    .getByRole("list", { name: "Messages" })
    .getByRole("listitem")
    .filter({ hasText: `To ${email}` })
    .filter({ hasText: "reminder" });
}

test.describe("acting on what Perch sees", () => {
  test("an employer stuck in no account set up is reminded on the demo clock until it is fixed", async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await signIn(page, await demoAdmin(page));
    const contact = `hr-${Date.now()}@stuck.example`;
    const name = `Stuck Payroll ${Date.now()}`;
    const employer = await createEmployer(page, { name, email: contact });
    await connectThroughFinch(page, { provider: "assisted", scenario: "no_account_setup" });
    const connectionId = await finchConnectionId(page);

    // Finch finds no invitation a few hours later.
    await advanceDemoClock(page, "day");
    await page.goto(employer.url);
    await expect(page.getByTestId("employer-status")).toHaveText("No account set up");
    await expect(await remindersTo(page, contact)).toHaveCount(0);

    // Two days into the wait: the first reminder, with the provider's step and a link back.
    await advanceDemoClock(page, "day");
    await advanceDemoClock(page, "day");
    let reminders = await remindersTo(page, contact);
    await expect(reminders).toHaveCount(1);
    await reminders.first().getByText("Show message").click();
    await expect(reminders.first()).toContainText("Add Finch as a third-party administrator");
    await expect(reminders.first()).toContainText(/\/connect\/[A-Za-z0-9_-]{20,}/);
    await page.screenshot({ path: `${SCREENS}/follow-up-outbox.png`, fullPage: true });

    // The link opens the employer's own page: their status, the next step, and Connect again.
    const body = (await reminders.first().locator("pre").textContent()) ?? "";
    const link = body.match(/https?:\/\/\S+\/connect\/[A-Za-z0-9_-]+/)![0];
    const guest = await page.context().browser()!.newContext();
    const employerPage = await guest.newPage();
    await employerPage.goto(new URL(link).pathname);
    await expect(employerPage.getByTestId("invite-status")).toHaveText("No account set up");
    await expect(employerPage.getByTestId("invite-next-step")).toContainText(
      "Add Finch as a third-party administrator",
    );
    await expect(
      employerPage.getByRole("button", { name: "Open Finch Connect to see the steps again" }),
    ).toBeVisible();
    await employerPage.screenshot({
      path: `${SCREENS}/follow-up-employer-page.png`,
      fullPage: true,
    });
    await guest.close();

    // The employer adds Finch in their provider (done in the emulator, which stands in for it):
    // Finch moves to processing, and no reminder follows, however long the clock runs.
    const fixed = await page.request.post(
      `/api/finch-emu/_emulator/connections/${connectionId}/status`,
      { data: { status: "processing" } },
    );
    expect(fixed.ok()).toBe(true);
    await page.goto(employer.url);
    await advanceDemoClock(page, "week");
    await page.goto(employer.url);
    await expect(page.getByTestId("employer-status")).toHaveText("Processing");
    reminders = await remindersTo(page, contact);
    await expect(reminders).toHaveCount(1);
  });

  test("an operator acknowledges, assigns and snoozes an issue", async ({ page }) => {
    test.setTimeout(180_000);
    const admin = await demoAdmin(page);
    await signIn(page, admin);
    const name = `Wrong Perms ${Date.now()}`;
    await createEmployer(page, { name });
    await connectThroughFinch(page, { provider: "assisted", scenario: "wrong_permissions" });
    await advanceDemoClock(page, "day");

    await page.goto("/issues?kind=employer_action_needed");
    await waitForHydration(page);
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("Open");
    await row.getByRole("link", { name: "Employer action needed" }).click();
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);

    await page.getByRole("button", { name: "Acknowledge" }).click();
    await expect(page.getByText("Acknowledged", { exact: true })).toBeVisible();

    const owner = page.getByLabel("Owner", { exact: true });
    const adminOption = owner.locator("option", { hasText: admin.email });
    await owner.selectOption((await adminOption.getAttribute("value")) ?? "");
    await expect(page.getByTestId("issue-owner")).not.toHaveText("Unassigned");

    const now = await demoNow(page);
    const until = new Date(now.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Snooze until").fill(until);
    await page.getByRole("button", { name: "Snooze" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Say why" })).toBeVisible();
    await page.getByLabel("Reason").fill("Employer's admin is away until Thursday");
    await page.getByRole("button", { name: "Snooze" }).click();
    await expect(page.getByTestId("snooze-note")).toContainText("Employer's admin is away");
    await expect(page.getByText("Snoozed", { exact: true })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/follow-up-issue.png`, fullPage: true });

    await page.goto("/issues?state=snoozed");
    await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Snoozed");
    await page.goto("/activity");
    await expect(page.getByText(/snoozed "Improper permissions"/)).toBeVisible();
  });

  test("a viewer cannot change notification settings; an admin can", async ({ page, browser }) => {
    await signIn(page, await demoAdmin(page));
    await page.goto("/settings/notifications");
    await waitForHydration(page);
    await page.getByRole("textbox", { name: "Owner e-mail" }).fill("ops@example.com");
    await page.getByLabel("Stale data by E-mail").check();
    await page.getByRole("button", { name: "Save notification settings" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
    await page.getByRole("button", { name: "Send test slack" }).click();
    await expect(
      page.getByText(/Slack is not configured; the test is in the Outbox/),
    ).toBeVisible();

    await page.goto("/settings/users");
    await waitForHydration(page);
    const email = `viewer-n-${Date.now()}@example.com`;
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByRole("button", { name: "Add user" }).click();
    const password = ((await page.getByTestId("one-time-secret").textContent()) ?? "").trim();

    const context = await browser.newContext();
    const viewer = await context.newPage();
    await signIn(viewer, { email, password });
    await viewer.goto("/settings");
    await expect(viewer.getByRole("link", { name: /Notifications/ })).toHaveCount(0);
    await viewer.goto("/settings/notifications");
    await expect(
      viewer.getByRole("heading", { name: "You don't have access to this page" }),
    ).toBeVisible();
    await expect(viewer.getByRole("link", { name: "Outbox" })).toHaveCount(0);
    await context.close();
  });
});
