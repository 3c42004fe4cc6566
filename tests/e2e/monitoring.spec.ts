import { demoAdmin, expect, signIn, test, waitForHydration } from "./fixtures";
import { connectThroughFinch, createEmployer } from "./support/onboarding";
import {
  GROUPS,
  advanceDemoClock,
  dismissConnectResult,
  countdownSummary,
  demoNow,
  expectedSummary,
  permissionsVerifiedAt,
  screenshot,
} from "./support/monitoring";

test("an assisted connection is followed from pending to connected as the demo clock advances", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, await demoAdmin(page));
  const employer = await createEmployer(page, { name: "Kestrel Dental Partners" });
  await connectThroughFinch(page, { provider: "assisted" });
  await waitForHydration(page);
  await dismissConnectResult(page);

  // The header's badge and the monitoring card must agree.
  const status = page.getByTestId("employer-status");
  const card = page.getByTestId("monitoring-status");
  await expect(status).toHaveText("Pending");
  await expect(card).toHaveText("Pending");
  for (const group of GROUPS) {
    await expect(countdownSummary(page, group)).toHaveText(
      "Waiting for the employer's permissions",
    );
  }
  await screenshot(page, "1-pending");

  // A day later Finch has verified the permissions (after 4 hours): every group is configuring.
  let now = await advanceDemoClock(page, "day");
  await expect(status).toHaveText("Processing");
  await expect(card).toHaveText("Processing");
  const verifiedAt = await permissionsVerifiedAt(page);
  expect(now.getTime() - verifiedAt.getTime()).toBeLessThan(86_400_000);
  for (const group of GROUPS) {
    const summary = expectedSummary(group, verifiedAt, now);
    expect(summary).toMatch(/^Day [12] of (14|7) · expected ready /);
    await expect(countdownSummary(page, group)).toHaveText(summary);
  }
  await expect(page.getByRole("progressbar", { name: "Deductions configuration" })).toBeVisible();
  await screenshot(page, "2-processing");

  // The overview shows the three groups in the weeks they are expected.
  await page.goto("/");
  await expect(page.getByRole("list", { name: /expected ready per week/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Processing\s*\d+/ })).toBeVisible();
  await screenshot(page, "2b-overview-processing");
  await page.goto(employer.url);
  await waitForHydration(page);

  // A week on, Deductions (a 7-day period) is ready; Organization and Payroll keep counting.
  now = await advanceDemoClock(page, "week");
  await expect(status).toHaveText("Processing");
  await expect(countdownSummary(page, "deductions")).toHaveText(/^Ready since \d+ \w+/);
  for (const group of ["organization", "payroll"] as const) {
    const summary = expectedSummary(group, verifiedAt, now);
    expect(summary).toMatch(/^Day (8|9) of 14/);
    await expect(countdownSummary(page, group)).toHaveText(summary);
  }
  await expect(page.getByTestId("freshness-benefits")).toContainText("Fresh");
  await screenshot(page, "3-deductions-ready");

  // After 14 days Organization and Payroll are ready and Finch reports the connection connected.
  await advanceDemoClock(page, "week");
  await expect(status).toHaveText("Connected");
  await expect(card).toHaveText("Connected");
  for (const group of GROUPS) {
    await expect(countdownSummary(page, group)).toHaveText(/^Ready since \d+ \w+/);
  }
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText("Status changed from Pending to Processing");
  await expect(timeline).toContainText("Status changed from Processing to Connected");
  await expect(timeline).toContainText("Deductions data is ready");
  await screenshot(page, "4-connected");

  // The overview, the list, the webhook inbox and the audit log all moved with it.
  await page.goto("/");
  await expect(page.getByRole("img", { name: /Employers by connection status/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Connected\s*\d+/ })).toBeVisible();
  await screenshot(page, "5-overview");

  await page.goto("/employers?status=connected");
  await expect(page.getByRole("link", { name: "Kestrel Dental Partners" })).toBeVisible();
  await screenshot(page, "6-employers");

  await page.goto("/webhooks");
  await expect(page.getByRole("table", { name: "Webhook deliveries" })).toContainText(
    "account.updated",
  );
  await screenshot(page, "7-webhooks");

  await page.goto("/activity");
  await expect(page.getByRole("list", { name: "Audit log" })).toContainText(
    "Advanced the demo clock by 1 week",
  );
  expect((await demoNow(page)).getTime()).toBeGreaterThan(now.getTime());
  await screenshot(page, "8-activity");
});
