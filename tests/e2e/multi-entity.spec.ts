import { demoAdmin, expect, signIn, test, waitForHydration, type Credentials } from "./fixtures";
import { advanceDemoClock } from "./support/monitoring";
import { connectFrame, createEmployer } from "./support/onboarding";

const SCREENS = "test-results/screens";

test.describe("multi-entity employers", () => {
  let admin: Credentials;
  test.beforeEach(async ({ page }) => {
    admin ??= await demoAdmin(page);
    await signIn(page, admin);
  });

  test("two entities connected through Connect: one with improper permissions, the other connected", async ({
    page,
  }) => {
    const name = `Harbor Foods ${Date.now()}`;
    await createEmployer(page, { name });
    await waitForHydration(page);
    await page.getByRole("button", { name: "Connect with Finch" }).click();
    await page.getByRole("dialog", { name: "Start Finch Connect" }).waitFor();
    await page.getByRole("button", { name: "Open Finch Connect" }).click();

    // isolved has several legal entities: the employer picks two, and says what it did for each.
    const frame = await connectFrame(page);
    await frame.getByRole("button", { name: /^isolved/ }).click();
    await frame.getByRole("button", { name: "Continue" }).click();
    await frame.getByRole("checkbox", { name: `${name} Staffing LLC`, exact: true }).check();
    await expect(frame.getByRole("checkbox", { name: `${name} Group`, exact: true })).toBeChecked();
    await frame
      .getByLabel(`What did you do for ${name} Staffing LLC`)
      .selectOption("wrong_permissions");
    await page.screenshot({ path: `${SCREENS}/multi-entity-connect.png` });
    await frame.getByRole("button", { name: "Done" }).click();
    await expect(page.getByTestId("connect-result")).toContainText("isolved");

    const entities = page.getByRole("table", { name: "Entities" });
    await expect(entities.getByRole("row")).toHaveCount(3);

    // Past Finch's check (hours) and the configuration period (14 days), then look again.
    await advanceDemoClock(page, "week");
    await advanceDemoClock(page, "week");
    await advanceDemoClock(page, "day");
    await page.getByRole("button", { name: "Refresh status now" }).click();
    await expect(page.getByRole("button", { name: "Refresh status now" })).toBeEnabled();
    await page.reload();

    const group = entities.getByRole("row", { name: new RegExp(`${name} Group`) });
    const staffing = entities.getByRole("row", { name: new RegExp(`${name} Staffing LLC`) });
    await expect(group.getByText("Connected", { exact: true })).toBeVisible();
    await expect(staffing.getByText("Improper permissions", { exact: true })).toBeVisible();
    await expect(page.getByText("2 entities, 1 needs attention")).toBeVisible();

    // Data is read one entity at a time: the chosen entity's company.
    const data = page.locator("#data");
    await data.getByRole("link", { name: `${name} Group` }).click();
    await expect(data.getByText(`${name} Group`, { exact: false }).first()).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/multi-entity-employer.png`, fullPage: true });
  });
});
