import type { Browser, Page } from "@playwright/test";
import { demoAdmin, expect, signIn, test, waitForHydration, type Credentials } from "./fixtures";
import { advanceDemoClock, demoNow } from "./support/monitoring";
import { connectThroughFinch, createEmployer } from "./support/onboarding";

const DAY = 86_400_000;

/** An admin adds a staff user with the role through Settings → Users; returns the sign-in. */
async function addUser(page: Page, role: "operator" | "viewer"): Promise<Credentials> {
  await page.goto("/settings/users");
  await waitForHydration(page);
  const email = `${role}-${Date.now()}@example.com`;
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Add user" }).click();
  const secret = page.getByTestId("one-time-secret");
  await expect(secret).toBeVisible();
  return { email, password: (await secret.textContent())!.trim() };
}

async function newSession(browser: Browser, who: Credentials): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who);
  return page;
}

/** The newest change on the employer's Deductions tab, after a fresh load. */
async function latestChange(page: Page, url: string) {
  await page.goto(`${url}?tab=deductions`);
  const row = page.getByTestId("deduction-change").first();
  await row.waitFor();
  return row;
}

test("an operator enrolls two employees on an assisted connection and follows the change over a weekend; a viewer sees but cannot write", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await signIn(page, await demoAdmin(page));
  const operatorLogin = await addUser(page, "operator");
  const viewerLogin = await addUser(page, "viewer");

  const operator = await newSession(browser, operatorLogin);
  const employer = await createEmployer(operator, { name: "Osprey Logistics" });
  await connectThroughFinch(operator, { provider: "assisted" });
  // Permissions verified within a day; deductions ready in a week; the rest in two.
  await advanceDemoClock(operator, "day");
  await advanceDemoClock(operator, "week");
  await advanceDemoClock(operator, "week");
  await expect(operator.getByTestId("employer-status")).toHaveText("Connected");

  // Move on to a Friday (Perch's time zone here is UTC), so the weekend falls inside the deadline.
  while ((await demoNow(operator)).getUTCDay() !== 5) await advanceDemoClock(operator, "day");

  await operator.goto(`${employer.url}?tab=deductions`);
  const panel = operator.getByRole("region", { name: "Write deductions" });
  await expect(panel).toHaveAttribute("data-hydrated", "true");
  await expect(panel).toContainText("2 business days (assisted connection)");

  // Validation before anything is sent: no employees chosen, no amount.
  await panel.getByRole("button", { name: "Review change" }).click();
  await expect(panel.getByRole("alert")).toContainText("Choose at least one employee");

  const employees = panel.getByRole("group", { name: /Employees/ }).getByRole("checkbox");
  const names: string[] = [];
  for (const index of [0, 1]) {
    const box = employees.nth(index);
    await box.check();
    names.push(((await box.locator("xpath=..").textContent()) ?? "").trim());
  }
  await panel.getByLabel("Employee deduction", { exact: true }).fill("5");
  await panel.getByLabel("Effective date").fill("2027-01-01");
  await panel.getByRole("button", { name: "Review change" }).click();

  const dialog = operator.getByRole("dialog", { name: "Confirm the deduction change" });
  await expect(dialog).toContainText(`Enroll ${names[0]}, ${names[1]} in`);
  await expect(dialog).toContainText("at 5 % deduction");
  await expect(dialog).toContainText("Written to 2 employees");
  await dialog.getByRole("button", { name: "Write to payroll" }).click();
  await expect(panel.getByRole("status")).toContainText("Sent to Finch. The change is pending");

  const requestedAt = await demoNow(operator);
  let row = await latestChange(operator, employer.url);
  await expect(row).toHaveAttribute("data-state", "pending");
  await expect(row).toContainText(`Enroll ${names[0]}, ${names[1]}`);
  // Due on Tuesday: Friday + 2 business days, the weekend skipped.
  const deadline = new Date((await row.locator("time").nth(1).getAttribute("datetime")) ?? "");
  expect(deadline.getUTCDay()).toBe(2);
  expect(Math.round((deadline.getTime() - requestedAt.getTime()) / DAY)).toBe(4);

  // Saturday and Sunday: nothing moves. Monday: still open (Finch's team is on it).
  for (const weekday of [6, 0, 1]) {
    await advanceDemoClock(operator, "day");
    expect((await demoNow(operator)).getUTCDay()).toBe(weekday);
    row = await latestChange(operator, employer.url);
    await expect(row).not.toHaveAttribute("data-state", "complete");
    await expect(row).not.toHaveAttribute("data-state", "overdue");
  }

  // Tuesday, before the deadline: Finch's job completes and its webhook confirms the change.
  await advanceDemoClock(operator, "day");
  expect((await demoNow(operator)).getUTCDay()).toBe(2);
  await expect
    .poll(async () => (await latestChange(operator, employer.url)).getAttribute("data-state"), {
      timeout: 60_000,
    })
    .toBe("complete");
  row = await latestChange(operator, employer.url);
  await expect(row).toContainText("Confirmed by webhook");
  await expect(row).toContainText("Write-only at this provider");
  await expect(operator.getByRole("list", { name: "Timeline" })).toContainText(
    "Deduction change complete",
  );
  await operator.screenshot({
    path: "test-results/screens/deductions-complete.png",
    fullPage: true,
  });

  // A viewer sees the benefits and the change, but no form.
  const viewer = await newSession(browser, viewerLogin);
  await viewer.goto(`${employer.url}?tab=deductions`);
  await expect(viewer.getByTestId("deduction-change").first()).toHaveAttribute(
    "data-state",
    "complete",
  );
  await expect(viewer.getByText("Operators and admins can enroll employees")).toBeVisible();
  await expect(viewer.getByRole("region", { name: "Write deductions" })).toHaveCount(0);
  await viewer.goto("/deductions?filter=complete");
  await expect(viewer.getByRole("link", { name: "Osprey Logistics" })).toBeVisible();
  await viewer.context().close();
  await operator.context().close();
});
