import { demoAdmin, signIn, test } from "./fixtures";
import { connectThroughFinch, createEmployer } from "./support/onboarding";

test.describe("onboarding", () => {
  test("ops creates an employer and connects an automated provider", async ({ page }) => {
    await signIn(page, await demoAdmin(page));
    await createEmployer(page, { name: `Acme ${Date.now()}`, email: "hr@acme.test" });
    await connectThroughFinch(page, { provider: "automated" });
    await page.screenshot({ path: "test-results/screens/onboarding-connected.png", fullPage: true });
  });
});
