import { demoAdmin, expect, signIn, test, waitForHydration } from "./fixtures";
import { connectThroughFinch, createEmployer } from "./support/onboarding";

test.describe("employers list and data API", () => {
  test("filters apply as they change, providers have names, ids are copyable and the API finds them", async ({
    page,
  }) => {
    await signIn(page, await demoAdmin(page));
    const connected = await createEmployer(page, {
      name: "Quill Ledger Co",
      customerId: "quill-e2e",
    });
    await connectThroughFinch(page, { provider: "automated" });
    await createEmployer(page, { name: "Zephyr Unconnected", customerId: "zephyr-e2e" });

    await page.goto("/employers");
    await waitForHydration(page);
    const filters = page.getByRole("search", { name: "Filter employers" });
    await expect(filters).toHaveAttribute("data-filter-bar", "live");
    // No Apply button once the filters apply themselves; the search leads straight to them.
    await expect(filters.getByRole("button", { name: "Apply" })).toHaveCount(0);
    await page.getByLabel("Search", { exact: true }).focus();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Status", { exact: true })).toBeFocused();

    await page.getByLabel("Status", { exact: true }).selectOption("connected");
    await expect(page).toHaveURL(/[?&]status=connected/);
    const table = page.getByRole("table", { name: "Employers" });
    const quill = table.getByRole("row").filter({ hasText: "Quill Ledger Co" });
    await expect(quill).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: "Zephyr Unconnected" })).toHaveCount(0);
    await expect(quill.getByRole("cell", { name: /ADP Run/ })).toBeVisible();
    await expect(quill.getByText(connected.id, { exact: true })).toBeVisible();
    await expect(
      quill.getByRole("button", { name: "Copy employer id of Quill Ledger Co" }),
    ).toBeVisible();

    await page.getByLabel("Search", { exact: true }).fill("zephyr");
    await expect(page).toHaveURL(/[?&]q=zephyr/);
    await page.getByRole("link", { name: "Clear filters" }).first().click();
    await expect(page).toHaveURL(/\/employers$/);
    await page
      .getByRole("columnheader", { name: /Expected ready/ })
      .getByRole("link")
      .click();
    await expect(page).toHaveURL(/[?&]sort=ready/);
    await expect(page.getByLabel("Sort by")).toHaveValue("ready");
    // A bigger page keeps the sort; the size in use is marked as current, not linked.
    const pages = page.getByRole("navigation", { name: "Pages" });
    await expect(pages.locator('[aria-current="true"]')).toHaveText("25");
    await pages.getByRole("link", { name: "50 rows per page" }).click();
    await expect(page).toHaveURL(/[?&]sort=ready/);
    await expect(page).toHaveURL(/[?&]size=50/);
    await expect(pages.locator('[aria-current="true"]')).toHaveText("50");
    await page.screenshot({ path: "test-results/screens/employers-list.png", fullPage: true });

    const csv = await page.request.get("/employers/export");
    const [header, ...rows] = (await csv.text()).trimEnd().split("\r\n");
    expect(header.split(",").slice(0, 3)).toEqual(["id", "name", "customer_id"]);
    expect(rows.some((row) => row.startsWith(`${connected.id},Quill Ledger Co,quill-e2e,`))).toBe(
      true,
    );

    // A list key finds the employer by its customer id, and the data API takes that id.
    await page.goto("/settings/api-keys");
    await waitForHydration(page);
    await expect(page.getByRole("heading", { name: "Finding employer ids" })).toBeVisible();
    await page.getByLabel("Name").fill("catalogue");
    await page.getByLabel("Scope").selectOption("employers:read");
    await page.getByRole("button", { name: "Create API key" }).click();
    const key = (await page.getByTestId("one-time-secret").textContent())!.trim();
    const headers = { authorization: `Bearer ${key}` };
    const listed = await page.request.get("/api/employers?customer_id=quill-e2e", { headers });
    expect(listed.status()).toBe(200);
    expect((await listed.json()).data.map((e: { id: string }) => e.id)).toEqual([connected.id]);
    // The list key reads no employee data.
    const data = await page.request.get(`/api/employers/${connected.id}/data/company`, {
      headers,
    });
    expect(data.status()).toBe(401);
  });
});
