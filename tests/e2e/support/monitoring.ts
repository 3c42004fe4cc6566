import { expect, type Page } from "@playwright/test";
import { configurationCountdown } from "@/lib/status/countdown";
import type { ProductGroup } from "@/lib/status/products";

export const GROUPS: ProductGroup[] = ["organization", "payroll", "deductions"];

/** The demo clock's current instant, as shown in the header. */
export async function demoNow(page: Page): Promise<Date> {
  const value = await page.getByTestId("demo-clock-time").getAttribute("datetime");
  return new Date(value ?? "");
}

/** Clicks "+1 day" or "+1 week" in the header and waits until the page shows the new time. */
export async function advanceDemoClock(page: Page, step: "day" | "week"): Promise<Date> {
  const before = await demoNow(page);
  const clock = page.getByTestId("demo-clock");
  await clock.getByRole("button", { name: step === "day" ? "+1 day" : "+1 week" }).click();
  const minimum = before.getTime() + (step === "day" ? 1 : 7) * 86_400_000;
  await expect
    .poll(async () => (await demoNow(page)).getTime(), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(minimum);
  return demoNow(page);
}

/** When Perch recorded the employer's permissions as verified, from the status card. */
export async function permissionsVerifiedAt(page: Page): Promise<Date> {
  const value = await page.getByTestId("permissions-verified-at").getAttribute("datetime");
  return new Date(value ?? "");
}

/** What the countdown rules say a configuring group should show at `now`. */
export function expectedSummary(
  group: ProductGroup,
  verifiedAt: Date,
  now: Date,
  timeZone = "UTC",
): string {
  return configurationCountdown({ group, assisted: true, verifiedAt, readyAt: null, now, timeZone })
    .summary;
}

export function countdownSummary(page: Page, group: ProductGroup) {
  return page.getByTestId(`countdown-${group}-summary`);
}

/** Playwright empties test-results when any run starts; SCREENS_DIR keeps a copy elsewhere. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENS_DIR ?? "test-results/screens";
  await page.screenshot({ path: `${dir}/monitoring-${name}.png`, fullPage: true });
}

/** Closes the Connect result notice so it does not cover the countdowns. */
export async function dismissConnectResult(page: Page): Promise<void> {
  const notice = page.getByTestId("connect-result");
  if (await notice.isVisible()) await notice.getByRole("button", { name: "Dismiss" }).click();
}
