import type { Page } from "@playwright/test";
import { demoAdmin, expect, signIn, test, waitForHydration } from "./fixtures";
import { completeConnect, createEmployer } from "./support/onboarding";

const SCREENS = "test-results/screens";

function employerIdFrom(page: Page): string {
  const match = /\/employers\/([0-9a-f-]{36})/.exec(page.url());
  if (!match) throw new Error(`Not on an employer page: ${page.url()}`);
  return match[1];
}

/**
 * The onboarding helper's Connect steps, finishing on the Connect outcome toast (the header's
 * status badge is still changing under the onboarding work, so it is not asserted here).
 */
async function connect(page: Page, provider: "automated" | "assisted") {
  await waitForHydration(page);
  await page.getByRole("button", { name: "Connect with Finch" }).click();
  await page.getByRole("dialog", { name: "Start Finch Connect" }).waitFor();
  await page.getByRole("button", { name: "Open Finch Connect" }).click();
  await completeConnect(page, { provider });
  await expect(page.getByTestId("connect-result")).toContainText(
    provider === "automated"
      ? "Connected to ADP Run"
      : "Paycom connection received — Finch is setting it up (pending)",
  );
}

async function openTab(page: Page, name: string) {
  await page.getByRole("tab", { name }).click();
  await expect(page.getByRole("tab", { name, selected: true })).toBeVisible();
}

test.describe("employer data", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, await demoAdmin(page));
  });

  test("an ops user browses a connected employer's data, and an API key reads it too", async ({
    page,
    baseURL,
    playwright,
  }) => {
    await createEmployer(page, { name: "Harbour Freight Ltd" });
    await connect(page, "automated");
    const employerId = employerIdFrom(page);
    await page.goto(`/employers/${employerId}?tab=company`);
    await waitForHydration(page);

    // Company
    const data = page.locator("#data");
    await expect(data.getByText("Legal name")).toBeVisible();
    await expect(data.getByText(/^••-•••\d{4}$/)).toBeVisible();
    await expect(data.getByText(/Retrieved from the provider/)).toBeVisible();
    await data.screenshot({ path: `${SCREENS}/data-company.png` });

    // Directory: search, page, open an employee
    await openTab(page, "Directory");
    const directory = page.getByRole("table", { name: "Employee directory" });
    await expect(directory).toBeVisible();
    const firstPerson = directory.getByRole("link").first();
    const name = (await firstPerson.textContent())!.trim();
    await data.screenshot({ path: `${SCREENS}/data-directory.png` });
    await page.getByLabel("Search people").fill(name.split(" ")[1] ?? name);
    await page.getByRole("button", { name: "Search" }).click();
    const match = directory.getByRole("link", { name, exact: true }).first();
    await expect(match).toBeVisible();
    await match.click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("Current income")).toBeVisible();
    await expect(page.getByText("Work location")).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/data-employee.png`, fullPage: true });

    // Payroll: pay runs with totals, then one pay run's statements
    await page.goto(`/employers/${employerId}?tab=payroll`);
    await waitForHydration(page);
    const runs = page.getByRole("table", { name: /Pay runs paid/ });
    await expect(runs.getByRole("rowheader", { name: /Total for \d+ pay runs?/ })).toBeVisible();
    await data.screenshot({ path: `${SCREENS}/data-payroll.png` });
    await runs.getByRole("link").first().click();
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1, name: /Pay run/ })).toBeVisible();
    const statements = page.getByRole("table", { name: "Pay statements" });
    await statements
      .getByRole("button", { name: /Show line items/ })
      .first()
      .click();
    await expect(statements.getByRole("heading", { name: "Earnings" })).toBeVisible();
    await expect(statements.getByRole("heading", { name: "Company contributions" })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/data-pay-run.png`, fullPage: true });

    // Deductions
    await page.goto(`/employers/${employerId}?tab=deductions`);
    await waitForHydration(page);
    const benefits = page.getByRole("table", { name: "Benefits and deductions" });
    await expect(benefits.getByText("401(k) Retirement Plan")).toBeVisible();
    await expect(benefits.getByText(/100% match up to 3% of pay/)).toBeVisible();
    await data.screenshot({ path: `${SCREENS}/data-deductions.png` });

    // Sync now (automated)
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByText(/Sync started|already running/)).toBeVisible();

    // CSV export
    const csv = await page.request.get(`/employers/${employerId}/export/directory`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect((await csv.text()).split("\r\n")[0]).toBe(
      "id,first_name,last_name,title,department,manager,active",
    );

    // An API key reads the same data without any cookie, until it is revoked.
    await page.goto("/settings/api-keys");
    await waitForHydration(page);
    await page.getByLabel("Name").fill("Warehouse loader");
    await page.getByRole("button", { name: "Create API key" }).click();
    const key = (await page.getByTestId("one-time-secret").textContent())!.trim();
    expect(key).toMatch(/^perch_live_/);
    await page.screenshot({ path: `${SCREENS}/data-api-keys.png`, fullPage: true });

    const api = await playwright.request.newContext({ baseURL });
    const url = `/api/employers/${employerId}/data/directory?limit=5`;
    const ok = await api.get(url, { headers: { Authorization: `Bearer ${key}` } });
    expect(ok.status()).toBe(200);
    expect(ok.headers()["finch-request-id"]).toBeTruthy();
    const body = await ok.json();
    expect(body.data.individuals).toHaveLength(5);
    expect((await api.get(url)).status()).toBe(401);

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Revoke Warehouse loader" }).click();
    await expect(page.getByText(/^Revoked/)).toBeVisible();
    expect((await api.get(url, { headers: { Authorization: `Bearer ${key}` } })).status()).toBe(
      401,
    );
    await api.dispose();
  });

  test("an assisted employer mid-configuration shows the configuring state", async ({ page }) => {
    await createEmployer(page, { name: "Slowmoving Payroll Inc" });
    await connect(page, "assisted");
    const employerId = employerIdFrom(page);
    await page.goto(`/employers/${employerId}?tab=directory`);
    await waitForHydration(page);
    const panel = page.getByTestId("configuring-panel");
    await expect(panel).toBeVisible();
    await expect(panel.getByText(/^Still configuring/)).toBeVisible();
    await expect(page.getByTestId("sync-unavailable")).toContainText("every 7 days");

    // A few hours later Finch verifies the permissions (a webhook tells Perch); the panel then
    // shows the expected ready date of the two-week configuration period.
    const clock = await page.request.post("/api/finch-emu/_emulator/clock", {
      data: { advance: "1d" },
    });
    expect(clock.ok()).toBe(true);
    await expect(async () => {
      await page.reload();
      await expect(
        panel.getByText(/^Still configuring — expected ready \d+ \w+ \d{4}$/),
      ).toBeVisible({
        timeout: 1_000,
      });
    }).toPass({ timeout: 20_000 });
    await page.locator("#data").screenshot({ path: `${SCREENS}/data-configuring.png` });
  });

  test("a rate-limited tab counts down and loads by itself when Finch answers again", async ({
    page,
  }) => {
    await createEmployer(page, { name: "Tern Logistics" });
    await connect(page, "automated");
    const employerId = employerIdFrom(page);
    // Finch refuses the next company read with a retry-after too long to wait out in the request.
    const faults = await page.request.put("/api/finch-emu/_emulator/faults", {
      data: [{ path: "/employer/company", rate_429: 1, retry_after: 5, count: 1 }],
    });
    expect(faults.ok()).toBe(true);
    await page.goto(`/employers/${employerId}?tab=company`);
    await waitForHydration(page);
    const panel = page.getByTestId("rate-limited-panel");
    await expect(panel).toContainText(/Finch is rate-limiting; retrying in \d s\./);
    await expect(page.getByText("Finch refused this request")).toHaveCount(0);
    await page.locator("#data").screenshot({ path: `${SCREENS}/data-rate-limited.png` });
    // No click: the countdown asks again and the data replaces the panel.
    await expect(page.locator("#data").getByText("Legal name")).toBeVisible({ timeout: 20_000 });
    await expect(panel).toHaveCount(0);
  });
});
