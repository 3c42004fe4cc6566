import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { demoAdmin, expect, signIn, test } from "./fixtures";
import { createEmployer } from "./support/onboarding";

/**
 * Malformed input of every kind the pentest found, replayed against the running server:
 * nothing may answer 5xx. Also the open redirect, the emulator's control surface, a junk session
 * cookie and the Content Security Policy, as a browser meets them.
 */

const BAD_SEGMENTS = ["%ED%A0%80", "%C3%28", "%E0%A4%A", "%FF", "%"];

/** Every dynamic page and API route, with the dynamic segment to corrupt marked by {}. */
const DYNAMIC: { method: "GET" | "POST"; path: string }[] = [
  { method: "GET", path: "/connect/{}" },
  { method: "GET", path: "/employers/{}" },
  { method: "GET", path: "/employers/{}/edit" },
  { method: "GET", path: "/employers/{}/export/directory" },
  { method: "GET", path: "/employers/00000000-0000-4000-8000-000000000000/export/{}" },
  { method: "GET", path: "/employers/00000000-0000-4000-8000-000000000000/employees/{}" },
  { method: "GET", path: "/employers/00000000-0000-4000-8000-000000000000/pay-runs/{}" },
  { method: "GET", path: "/api/employers/{}/data/company" },
  { method: "GET", path: "/api/employers/00000000-0000-4000-8000-000000000000/data/{}" },
  { method: "POST", path: "/api/invites/{}/session" },
  { method: "POST", path: "/api/invites/{}/exchange" },
  { method: "POST", path: "/api/invites/{}/outcome" },
  { method: "GET", path: "/api/finch-emu/{}" },
  { method: "GET", path: "/authorize/{}" },
  { method: "GET", path: "/api/auth/{}" },
];

function actionIds(): Record<string, string> {
  const dist = process.env.NEXT_DIST_DIR ?? ".next";
  const manifest = JSON.parse(
    readFileSync(path.join(dist, "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { exportedName?: string }> };
  return Object.fromEntries(
    Object.entries(manifest.node).map(([id, entry]) => [entry.exportedName ?? id, id]),
  );
}

const MALFORMED_ACTION_BODIES: { contentType: string; body: string }[] = [
  { contentType: "text/plain;charset=UTF-8", body: "[null,{" },
  { contentType: "text/plain;charset=UTF-8", body: '["$Q1","$@99"]' },
  { contentType: "text/plain;charset=UTF-8", body: '["$h1"]' },
  { contentType: "text/plain;charset=UTF-8", body: "not json at all" },
  { contentType: "text/plain;charset=UTF-8", body: '{"a":1}' },
  { contentType: "multipart/form-data; boundary=xyz", body: "garbage" },
  {
    contentType: "multipart/form-data; boundary=xyz",
    body: '--xyz\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$W5"]\r\n--xyz--\r\n',
  },
  {
    contentType: "multipart/form-data; boundary=xyz",
    body: '--xyz\r\nContent-Disposition: form-data; name="1_email"\r\n\r\nx\r\n--xyz',
  },
];

const NOT_A_FORM = ['["$undefined","hello"]', "[null,42]", "[null,null]", "[]", '[null,["a"]]'];

async function expectNo5xx(
  request: APIRequestContext,
  method: string,
  url: string,
  options: { headers?: Record<string, string>; data?: string } = {},
) {
  const response = await request.fetch(url, { method, maxRedirects: 0, ...options });
  expect(response.status(), `${method} ${url}`).toBeLessThan(500);
  return response;
}

async function sessionCookie(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

test.describe("hardening against malformed and hostile input", () => {
  test("no 5xx for undecodable path segments, anonymous or signed in", async ({
    page,
    request,
  }) => {
    await signIn(page, await demoAdmin(page));
    const cookie = await sessionCookie(page);
    const callers: Record<string, string>[] = [{}, { cookie }];
    for (const headers of callers) {
      for (const route of DYNAMIC) {
        for (const bad of BAD_SEGMENTS) {
          const url = route.path.replace("{}", bad);
          const response = await expectNo5xx(request, route.method, url, { headers });
          if (bad !== "%") expect(response.status(), url).toBe(400);
        }
      }
    }
  });

  test("no 5xx for server actions called with malformed bodies or non-FormData", async ({
    page,
    request,
  }) => {
    await signIn(page, await demoAdmin(page));
    const cookie = await sessionCookie(page);
    const ids = actionIds();
    for (const [name, id] of Object.entries(ids)) {
      for (const { contentType, body } of MALFORMED_ACTION_BODIES) {
        const response = await expectNo5xx(request, "POST", "/login", {
          headers: { "next-action": id, "content-type": contentType, cookie },
          data: body,
        });
        expect(response.status(), `${name}: ${body}`).toBe(400);
      }
    }
    for (const body of NOT_A_FORM) {
      const response = await expectNo5xx(request, "POST", "/login", {
        headers: { "next-action": ids.signInWithPassword, "content-type": "text/plain" },
        data: body,
      });
      expect(await response.text()).toContain("Send the sign-in form.");
    }
    for (const id of ["zzz", "00".repeat(21)]) {
      await expectNo5xx(request, "POST", "/login", {
        headers: { "next-action": id, "content-type": "text/plain" },
        data: "[]",
      });
    }
  });

  test("a signed-in user is never sent off-site from the login page", async ({ page }) => {
    await signIn(page, await demoAdmin(page));
    for (const from of [
      "/%5Cevil.example",
      "/%09/evil.example",
      "//evil.example",
      "/%2F%2Fevil.example",
      "https://evil.example",
      "/\\evil.example",
    ]) {
      const response = await page.request.get(`/login?from=${from}`, { maxRedirects: 0 });
      expect(response.status()).toBe(307);
      const location = new URL(response.headers().location ?? "", page.url());
      expect(location.origin, from).toBe(new URL(page.url()).origin);
      expect(location.pathname, from).toBe("/");
    }
  });

  test("the emulator's controls need an operator; a junk cookie reveals nothing", async ({
    page,
    request,
  }) => {
    for (const [method, url] of [
      ["GET", "/api/finch-emu/_emulator/connections"],
      ["POST", "/api/finch-emu/_emulator/clock"],
      ["PUT", "/api/finch-emu/_emulator/faults"],
      ["POST", "/api/finch-emu/_emulator/connections/x/status"],
    ]) {
      expect((await request.fetch(url, { method, data: {} })).status(), url).toBe(401);
    }
    await signIn(page, await demoAdmin(page));
    const name = `Secretive Employer ${Date.now()}`;
    const employer = await createEmployer(page, { name });
    const clock = await page.request.get("/api/finch-emu/_emulator/clock");
    expect(clock.status()).toBe(200);

    const junk = await request.get(employer.url, {
      headers: { cookie: "authjs.session-token=junk" },
      maxRedirects: 0,
    });
    expect(junk.status()).toBeLessThan(500);
    expect(await junk.text()).not.toContain(name);
  });

  test("pages carry a nonce CSP that the app runs under", async ({ page }) => {
    const response = await page.goto("/login");
    const csp = response!.headers()["content-security-policy"];
    const scripts = /script-src ([^;]+)/.exec(csp)![1];
    expect(scripts).not.toContain("'unsafe-inline'");
    const nonce = /'nonce-([^']+)'/.exec(scripts)![1];
    const inline = page.locator("script:not([src])");
    expect(await inline.count()).toBeGreaterThan(0);
    for (const script of await inline.all()) {
      expect(await script.evaluate((el) => (el as HTMLScriptElement).nonce)).toBe(nonce);
    }
    // The app still hydrates and works under that policy.
    await signIn(page, await demoAdmin(page));
  });
});
