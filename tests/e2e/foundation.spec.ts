import { demoAdmin, expect, signIn, test, waitForHydration } from "./fixtures";

test.describe("foundation", () => {
  test("signs in, shows the shell, signs out", async ({ page }) => {
    const admin = await demoAdmin(page);
    expect(admin.password.length).toBeGreaterThan(8);
    await signIn(page, admin);

    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page.getByTestId("mode-badge")).toHaveText("Demo");
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const item of ["Overview", "Employers", "Webhooks", "Activity", "Settings"]) {
      await expect(nav.getByRole("link", { name: item })).toBeVisible();
    }
    await nav.getByRole("link", { name: "Activity" }).click();
    await expect(page.getByText(`${admin.email} signed in`).first()).toBeVisible();
    await page.screenshot({ path: "test-results/screens/shell-activity.png", fullPage: true });

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/employers");
    await expect(page).toHaveURL(/\/login\?from=%2Femployers/);
  });

  test("unknown records answer HTTP 404, not a 200 page that says so", async ({ page }) => {
    await signIn(page, await demoAdmin(page));
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const path of [
      `/employers/${unknown}`,
      "/employers/not-an-id",
      `/employers/${unknown}/edit`,
      `/employers/${unknown}/employees/someone`,
      `/employers/${unknown}/pay-runs/some-run`,
      `/issues/${unknown}`,
      "/connect/not-a-token",
    ]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(404);
    }
    // The pages that stream behind a skeleton still answer 200.
    for (const path of ["/", "/activity", "/employers"]) {
      expect((await page.request.get(path)).status(), path).toBe(200);
    }
    const response = await page.goto(`/employers/${unknown}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test("a wrong password gets one plain message", async ({ page }) => {
    const admin = await demoAdmin(page);
    await waitForHydration(page);
    await page.getByLabel("E-mail").fill(admin.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "The e-mail or password is incorrect.",
    );
    await page.screenshot({ path: "test-results/screens/login-error.png" });
  });

  test("an admin adds a viewer, who cannot open Settings → Users", async ({ page, browser }) => {
    await signIn(page, await demoAdmin(page));
    await page.goto("/settings/users");
    await waitForHydration(page);
    const email = `viewer-${Date.now()}@example.com`;
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByRole("button", { name: "Add user" }).click();
    const secret = page.getByTestId("one-time-secret");
    await expect(secret).toBeVisible();
    const password = (await secret.textContent())!.trim();
    await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/settings-users.png", fullPage: true });

    const viewerContext = await browser.newContext();
    const viewer = await viewerContext.newPage();
    await signIn(viewer, { email, password });
    await expect(viewer.getByRole("link", { name: "Users" })).toHaveCount(0);
    await viewer.goto("/settings/users");
    await expect(
      viewer.getByRole("heading", { name: "You don't have access to this page" }),
    ).toBeVisible();
    await viewerContext.close();
  });

  test("unauthenticated requests to pages and ops APIs are refused", async ({ request }) => {
    for (const path of [
      "/",
      "/employers",
      "/webhooks",
      "/activity",
      "/settings",
      "/settings/users",
    ]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(307);
      expect(response.headers().location, path).toContain("/login");
    }
    const api = await request.get("/api/employers", { maxRedirects: 0 });
    expect(api.status()).toBe(401);
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect((await health.json()).database.migrations.current).toBe(true);
  });
});
