import { expect, test as base, type Page } from "@playwright/test";

export { expect };

export interface Credentials {
  email: string;
  password: string;
}

/** The demo administrator's sign-in, read from the login page as a person would. */
export async function demoAdmin(page: Page): Promise<Credentials> {
  await page.goto("/login");
  const email = (await page.getByTestId("demo-email").textContent())?.trim() ?? "";
  const password = (await page.getByTestId("demo-password").textContent())?.trim() ?? "";
  return { email, password };
}

export async function waitForHydration(page: Page): Promise<void> {
  await page.locator("html[data-hydrated='true']").waitFor();
}

export async function signIn(page: Page, { email, password }: Credentials): Promise<void> {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

export const test = base;
