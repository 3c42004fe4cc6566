import { demoAdmin, expect, signIn, test, waitForHydration, type Credentials } from "./fixtures";
import { connectFrame, connectThroughFinch, createEmployer } from "./support/onboarding";

const SCREENS = "test-results/screens";

test.describe("onboarding", () => {
  let admin: Credentials;
  test.beforeEach(async ({ page }) => {
    admin ??= await demoAdmin(page);
    await signIn(page, admin);
  });

  test("ops creates an employer, connects an automated provider, re-authenticates and disconnects", async ({
    page,
  }) => {
    await page.goto("/employers/new");
    await waitForHydration(page);
    await page.getByLabel("Contact e-mail").fill("not-an-email");
    await page.getByRole("button", { name: "Add employer" }).click();
    await expect(page.getByText("Enter the employer's name")).toBeVisible();
    await expect(page.getByText("Enter a valid e-mail address")).toBeVisible();
    await page.screenshot({
      path: `${SCREENS}/onboarding-new-employer-errors.png`,
      fullPage: true,
    });

    const name = `Acme Automated ${Date.now()}`;
    await createEmployer(page, { name, email: "hr@acme.test" });
    await expect(page.getByTestId("employer-status")).toHaveText("Not connected");

    await page.getByRole("button", { name: "Connect with Finch" }).click();
    await expect(page.getByRole("dialog", { name: "Start Finch Connect" })).toBeVisible();
    await expect(page.getByLabel("Include assisted providers")).toBeChecked();
    await page.screenshot({ path: `${SCREENS}/onboarding-connect-dialog.png` });
    await page.getByRole("button", { name: "Cancel" }).click();

    await connectThroughFinch(page, { provider: "automated" });
    const panel = page.getByRole("region", { name: "Connection" });
    await expect(page.getByText("Finch connection id")).toBeVisible();
    await expect(panel.or(page.locator("body")).getByText("ADP Run").first()).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/onboarding-connected.png`, fullPage: true });

    // Re-authenticate: the same connection, signed in again in Connect.
    await page.getByRole("button", { name: "Dismiss" }).click();
    await page.getByRole("button", { name: "Re-authenticate" }).click();
    const frame = await connectFrame(page);
    await expect(frame.getByRole("heading", { name: /Reconnect ADP Run/ })).toBeVisible();
    await frame.getByLabel("Username").fill("good_user");
    await frame.getByLabel("Password").fill("good_pass");
    await frame.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("connect-result")).toContainText("Re-authenticated ADP Run");
    await expect(page.getByText("Re-authentication").first()).toBeVisible();

    // Disconnect, with a confirmation; the connection stays in the history.
    await page.getByRole("button", { name: "Dismiss" }).click();
    await page.getByRole("button", { name: "Disconnect" }).click();
    const confirm = page.getByRole("dialog", { name: "Disconnect ADP Run?" });
    await expect(confirm).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/onboarding-disconnect-confirm.png` });
    await confirm.getByRole("button", { name: "Disconnect" }).click();
    await expect(page.getByTestId("employer-status")).toHaveText("Disconnected");
    await expect(page.getByRole("heading", { name: "Earlier connections" })).toBeVisible();
    await expect(page.getByText("The last connection was disconnected.")).toBeVisible();
  });

  test("an assisted provider shows as pending, and a closed Connect says so", async ({ page }) => {
    await createEmployer(page, { name: `Assisted Co ${Date.now()}` });

    await page.getByRole("button", { name: "Connect with Finch" }).click();
    await page.getByRole("button", { name: "Open Finch Connect" }).click();
    const frame = await connectFrame(page);
    await frame.getByRole("button", { name: "Close" }).click();
    await expect(page.getByTestId("connect-result")).toContainText("Finch Connect was closed");
    await page.getByRole("button", { name: "Dismiss" }).click();

    await expect(page.getByRole("button", { name: "Connect with Finch" })).toHaveAttribute(
      "data-primary",
      "true",
    );
    await connectThroughFinch(page, { provider: "assisted" });
    await expect(page.getByText("Assisted (third-party administrator)")).toBeVisible();
    // Pending: Finch is setting it up, so refreshing is what helps; signing in again does not.
    await expect(page.getByRole("button", { name: "Refresh status now" })).toHaveAttribute(
      "data-primary",
      "true",
    );
    await expect(page.getByRole("button", { name: "Connect with Finch" })).not.toHaveAttribute(
      "data-primary",
    );
    await expect(page.getByRole("button", { name: "Re-authenticate" })).toHaveCount(0);
    const sections = page.getByRole("navigation", { name: "Sections of this page" });
    for (const name of ["Status", "Follow-up", "Onboarding", "Timeline"]) {
      await expect(sections.getByRole("link", { name })).toBeVisible();
    }
    await page.screenshot({ path: `${SCREENS}/onboarding-assisted-pending.png`, fullPage: true });

    // Archiving takes the employer out of onboarding until it is restored.
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Archive" }).click();
    await expect(page.getByText("Archived", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Connect with Finch" })).toBeDisabled();
    await page.getByRole("button", { name: "Restore" }).click();
    await expect(page.getByRole("button", { name: "Connect with Finch" })).toBeEnabled();
  });

  test("an admin changes the Connect defaults, which new sessions start from", async ({ page }) => {
    await page.goto("/settings");
    await page.getByRole("link", { name: /Finch Connect defaults/ }).click();
    await waitForHydration(page);
    await page.getByLabel("Invite links valid for (days)").fill("200");
    await page.getByRole("button", { name: "Save defaults" }).click();
    await expect(page.getByText("At most 90 days")).toBeVisible();
    await page.getByLabel("Invite links valid for (days)").fill("30");
    await page.getByLabel("SSN").check();
    await page.getByRole("button", { name: "Save defaults" }).click();
    await expect(page.getByText("Saved. New sessions and invites use these.")).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/onboarding-settings-defaults.png`, fullPage: true });

    await createEmployer(page, { name: `Defaults Co ${Date.now()}` });
    await page.getByRole("button", { name: "Connect with Finch" }).click();
    await expect(page.getByRole("dialog").getByLabel("SSN")).toBeChecked();
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: "Create invite link" }).click();
    await expect(page.getByLabel("Valid for (days)")).toHaveValue("30");
  });

  test("the redirect flow comes back to the employer page", async ({ page }) => {
    await createEmployer(page, { name: `Redirect Co ${Date.now()}` });
    await page.getByRole("button", { name: "Connect with Finch" }).click();
    await page.getByLabel("Full page, returning to Perch afterwards (redirect flow)").check();
    await page.getByRole("button", { name: "Open Finch Connect" }).click();
    await page.waitForURL(/\/authorize\?session=.*state=/);
    await page.getByRole("button", { name: "ADP Run", exact: true }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Username").fill("good_user");
    await page.getByLabel("Password").fill("good_pass");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/employers\/[0-9a-f-]{36}\?connect=connected$/);
    await expect(page.getByText("Connected through Finch Connect")).toBeVisible();
    await expect(page.getByTestId("employer-status")).toHaveText("Connected");

    const refused = await page.request.get("/api/finch/callback?code=abc&state=wrong");
    expect(refused.status()).toBe(400);
  });

  test("the employer connects through an invite link without a Perch account", async ({
    page,
    browser,
  }) => {
    const name = `Invited Co ${Date.now()}`;
    const employer = await createEmployer(page, { name });
    await page.getByRole("button", { name: "Create invite link" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite the employer to connect" });
    await dialog.getByRole("button", { name: "Create link" }).click();
    const linkField = dialog.getByLabel("Invite link");
    await expect(linkField).toHaveValue(/\/connect\/[A-Za-z0-9_-]{43}$/);
    const link = await linkField.inputValue();
    await dialog.getByRole("button", { name: "Copy link" }).click();
    await expect(dialog.getByRole("button", { name: "Copied" })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/onboarding-invite-created.png` });
    await dialog.getByRole("button", { name: "Done" }).click();

    const context = await browser.newContext();
    const guest = await context.newPage();
    await guest.goto(link);
    await waitForHydration(guest);
    await expect(guest.getByText(`on behalf of ${name}`)).toBeVisible();
    await expect(
      guest.getByRole("heading", { name: "Connect your payroll and HR system" }),
    ).toBeVisible();
    await expect(guest.getByRole("list", { name: "Data that will be shared" })).toContainText(
      "Pay statements",
    );
    expect(await guest.locator('meta[name="robots"]').getAttribute("content")).toContain("noindex");
    await guest.screenshot({ path: `${SCREENS}/onboarding-invite-page.png`, fullPage: true });

    await guest.getByRole("button", { name: "Connect with Finch" }).click();
    const frame = await connectFrame(guest);
    await frame.getByRole("button", { name: /^Paycom/ }).click();
    await frame.getByRole("button", { name: "Continue" }).click();
    await frame.getByLabel("I added Finch with the required permissions").check();
    await frame.getByRole("button", { name: "Done" }).click();
    await expect(guest.getByTestId("invite-status")).toHaveText("Pending");
    await expect(guest.getByTestId("invite-next-step")).toContainText(
      "third-party administrator in Paycom",
    );
    await guest.screenshot({ path: `${SCREENS}/onboarding-invite-status.png`, fullPage: true });

    // A later visit shows the same status; a revoked or malformed link reveals nothing.
    await guest.reload();
    await expect(guest.getByTestId("invite-status")).toHaveText("Pending");

    await page.goto(employer.url);
    await waitForHydration(page);
    await expect(page.getByTestId("employer-status")).toHaveText("Pending");
    await expect(page.getByText("via invite link").first()).toBeVisible();
    await page.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByText("Revoked", { exact: true })).toBeVisible();

    await guest.reload();
    await expect(
      guest.getByRole("heading", { name: "This link is no longer valid" }),
    ).toBeVisible();
    await expect(guest.getByText(name)).toHaveCount(0);
    expect((await guest.goto("/connect/not-a-token"))?.status()).toBe(404);
    await expect(
      guest.getByRole("heading", { name: "This link is no longer valid" }),
    ).toBeVisible();
    await guest.screenshot({ path: `${SCREENS}/onboarding-invite-invalid.png` });
    const api = await guest.request.post("/api/invites/not-a-token/session");
    expect(api.status()).toBe(404);
    await context.close();
  });

  test("a viewer sees the employer but cannot connect, invite or disconnect", async ({
    page,
    browser,
  }) => {
    const employer = await createEmployer(page, { name: `Viewer Co ${Date.now()}` });
    await connectThroughFinch(page, { provider: "automated" });

    await page.goto("/settings/users");
    await waitForHydration(page);
    const email = `viewer-onb-${Date.now()}@example.com`;
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByRole("button", { name: "Add user" }).click();
    const password = (await page.getByTestId("one-time-secret").textContent())!.trim();

    const context = await browser.newContext();
    const viewer = await context.newPage();
    await signIn(viewer, { email, password });
    await viewer.goto(employer.url);
    await waitForHydration(viewer);
    await expect(viewer.getByTestId("employer-status")).toHaveText("Connected");
    for (const name of [
      "Connect with Finch",
      "Re-authenticate",
      "Create invite link",
      "Disconnect",
      "Edit",
    ]) {
      await expect(viewer.getByRole("button", { name, exact: true })).toHaveCount(0);
    }
    await viewer.screenshot({ path: `${SCREENS}/onboarding-viewer.png`, fullPage: true });
    const exchange = await viewer.request.post("/api/finch/exchange", {
      data: { code: "abcdefghij", sessionId: "whatever" },
    });
    expect(exchange.status()).toBe(403);
    await viewer.goto("/employers/new");
    await expect(
      viewer.getByRole("heading", { name: "You don't have access to this page" }),
    ).toBeVisible();
    await context.close();
  });
});
