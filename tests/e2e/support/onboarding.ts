import { expect, type Page } from "@playwright/test";
import { waitForHydration } from "../fixtures";

/**
 * Reusable onboarding steps for browser tests. Each drives the UI as a person would (role and
 * label selectors, the real Connect iframe) and finishes when the page shows the result.
 */

export interface CreatedEmployer {
  id: string;
  url: string;
}

/** Adds an employer through /employers/new and lands on its page. Needs a signed-in operator. */
export async function createEmployer(
  page: Page,
  { name, email, customerId }: { name: string; email?: string; customerId?: string },
): Promise<CreatedEmployer> {
  await page.goto("/employers/new");
  await waitForHydration(page);
  await page.getByLabel("Name", { exact: true }).fill(name);
  if (customerId) await page.getByLabel("Customer id").fill(customerId);
  if (email) await page.getByLabel("Contact e-mail").fill(email);
  await page.getByRole("button", { name: "Add employer" }).click();
  await page.waitForURL(/\/employers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  const url = new URL(page.url());
  return { id: url.pathname.split("/").pop()!, url: url.pathname };
}

export type AssistedScenario = "success" | "no_account_setup" | "wrong_permissions";

export interface ConnectOptions {
  provider: "automated" | "assisted";
  /** Assisted only: what the employer says they did in Connect (default: success). */
  scenario?: AssistedScenario;
}

const SCENARIO_LABELS: Record<AssistedScenario, string> = {
  success: "I added Finch with the required permissions",
  no_account_setup: "I haven't added Finch yet",
  wrong_permissions: "I added Finch with limited permissions",
};

/** The emulated Connect page inside react-connect's iframe, once its script has run. */
export async function connectFrame(page: Page) {
  const frame = page.frameLocator("#finch-connect-iframe");
  await frame.locator("html[data-ready='true']").waitFor();
  return frame;
}

/**
 * Inside an open Connect: picks ADP Run and signs in with the sandbox credentials (automated),
 * or picks Paycom and reports the assisted setup outcome.
 */
export async function completeConnect(page: Page, { provider, scenario }: ConnectOptions) {
  const frame = await connectFrame(page);
  if (provider === "automated") {
    await frame.getByRole("button", { name: "ADP Run", exact: true }).click();
    await frame.getByRole("button", { name: "Continue" }).click();
    // The sign-in step opens clean: no error left over from the click that led to it.
    await expect(frame.getByRole("alert")).toHaveCount(0);
    await frame.getByLabel("Username").fill("good_user");
    await frame.getByLabel("Password").fill("good_pass");
    await frame.getByRole("button", { name: "Sign in" }).click();
  } else {
    await frame.getByRole("button", { name: /^Paycom/ }).click();
    await frame.getByRole("button", { name: "Continue" }).click();
    await expect(frame.getByRole("alert")).toHaveCount(0);
    await frame.getByLabel(SCENARIO_LABELS[scenario ?? "success"]).check();
    await frame.getByRole("button", { name: "Done" }).click();
  }
}

/**
 * On an employer page: Connect with Finch → Open Finch Connect with the default options → the
 * provider's flow in the Connect iframe. Finishes when the employer page shows the new status
 * (Connected for automated, Pending for assisted).
 */
export async function connectThroughFinch(page: Page, options: ConnectOptions): Promise<void> {
  await waitForHydration(page);
  await page.getByRole("button", { name: "Connect with Finch" }).click();
  await page.getByRole("dialog", { name: "Start Finch Connect" }).waitFor();
  await page.getByRole("button", { name: "Open Finch Connect" }).click();
  await completeConnect(page, options);
  await expect(page.getByTestId("connect-result")).toContainText(
    options.provider === "automated"
      ? "Connected to ADP Run"
      : "Paycom connection received — Finch is setting it up (pending)",
  );
  await expect(page.getByTestId("employer-status")).toHaveText(
    options.provider === "automated" ? "Connected" : "Pending",
  );
}
