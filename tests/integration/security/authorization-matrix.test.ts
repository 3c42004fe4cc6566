import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { createEmployer } from "@/db/queries/employers";
import { createUser } from "@/db/queries/users";
import type { Role } from "@/db/schema";
import { installTestEnv } from "@/tests/support/app-env";
import { databaseTargets } from "@/tests/support/databases";
import { ANONYMOUS, asCaller, ORIGIN, signedInStaff, type Caller } from "./support";

vi.mock("next/headers", async () => (await import("./support")).nextEdge);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

/**
 * Every server action and every route handler, called as anonymous, viewer, operator and admin
 * with real sessions. A new action or route fails the discovery test until it has a row here.
 */

type CallerName = "anonymous" | Role;
const CALLERS: CallerName[] = ["anonymous", "viewer", "operator", "admin"];

interface Fixtures {
  employerId: string;
  /** A fresh user an admin action may change, one per call. */
  newUserId: () => Promise<string>;
  unique: () => string;
}

// ── Server actions ──────────────────────────────────────────────────────────────────────────
// `role`: the least role that may run it (everyone below is refused), or "public".
interface ActionRow {
  file: string;
  name: string;
  role: Role | "public";
  /** The argument after the previous state; invalid input is fine (the role check comes first). */
  input?: (f: Fixtures) => unknown | Promise<unknown>;
  /** Ends the caller's session (sign-out): run with a throwaway session. */
  endsSession?: true;
}

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, value);
  return data;
};

const EMPLOYER = "app/(dashboard)/employers/[id]/actions.ts";
const ACTIONS: ActionRow[] = [
  {
    file: "app/(auth)/actions.ts",
    name: "signInWithPassword",
    role: "public",
    input: () => form({ email: "nobody@example.com", password: "wrong" }),
  },
  {
    file: "app/(auth)/actions.ts",
    name: "signInWithSso",
    role: "public",
    input: () => form({ from: "/" }),
  },
  { file: "app/(auth)/actions.ts", name: "signOutAction", role: "public", endsSession: true },
  { file: "app/(dashboard)/demo/actions.ts", name: "moveDemoClock", role: "operator" },
  {
    file: "app/(dashboard)/employers/actions.ts",
    name: "createEmployer",
    role: "operator",
    input: (f) => ({ name: `Matrix ${f.unique()}`, customerId: "", contactEmail: "" }),
  },
  {
    file: "app/(dashboard)/employers/actions.ts",
    name: "updateEmployer",
    role: "operator",
    input: (f) => ({
      employerId: f.employerId,
      name: `Matrix ${f.unique()}`,
      customerId: `m-${f.unique()}`,
      contactEmail: "",
    }),
  },
  { file: "app/(dashboard)/employers/actions.ts", name: "archiveEmployer", role: "operator" },
  { file: EMPLOYER, name: "startConnectSession", role: "operator" },
  { file: EMPLOYER, name: "startReauthSession", role: "operator" },
  { file: EMPLOYER, name: "recordConnectOutcome", role: "operator" },
  { file: EMPLOYER, name: "createInvite", role: "operator" },
  { file: EMPLOYER, name: "revokeInvite", role: "operator" },
  { file: EMPLOYER, name: "disconnectConnection", role: "operator" },
  { file: EMPLOYER, name: "createReauthLink", role: "operator" },
  ...["acknowledgeIssue", "assignIssue", "snoozeIssue", "unsnoozeIssue", "addNoteToIssue"].map(
    (name): ActionRow => ({ file: "app/(dashboard)/issues/actions.ts", name, role: "operator" }),
  ),
  {
    file: "app/(dashboard)/issues/actions.ts",
    name: "assignEmployerOwner",
    role: "operator",
  },
  { file: "app/(dashboard)/outbox/actions.ts", name: "replayDelivery", role: "operator" },
  {
    file: "app/(dashboard)/settings/notifications/actions.ts",
    name: "saveNotificationSettingsAction",
    role: "admin",
  },
  {
    file: "app/(dashboard)/settings/notifications/actions.ts",
    name: "sendTestNotification",
    role: "admin",
  },
  {
    file: "app/(dashboard)/settings/branding/actions.ts",
    name: "saveBrandingAction",
    role: "admin",
  },
  { file: "app/(dashboard)/employers/[id]/data-actions.ts", name: "syncNow", role: "operator" },
  {
    file: "app/(dashboard)/employers/[id]/deduction-actions.ts",
    name: "requestDeductionChangeAction",
    role: "operator",
  },
  {
    file: "app/(dashboard)/employers/[id]/monitoring-actions.ts",
    name: "refreshEmployerStatus",
    role: "operator",
  },
  {
    file: "app/(dashboard)/settings/api-keys/actions.ts",
    name: "createApiKey",
    role: "admin",
    input: (f) => ({ name: `key ${f.unique()}` }),
  },
  {
    file: "app/(dashboard)/settings/api-keys/actions.ts",
    name: "revokeApiKeyAction",
    role: "admin",
  },
  {
    file: "app/(dashboard)/settings/connect/actions.ts",
    name: "saveConnectSettings",
    role: "admin",
  },
  {
    file: "app/(dashboard)/settings/users/actions.ts",
    name: "addUser",
    role: "admin",
    input: (f) => ({ email: `new-${f.unique()}@example.com`, role: "viewer" }),
  },
  {
    file: "app/(dashboard)/settings/users/actions.ts",
    name: "changeUserRole",
    role: "admin",
    input: async (f) => ({ userId: await f.newUserId(), role: "viewer" }),
  },
  {
    file: "app/(dashboard)/settings/users/actions.ts",
    name: "setUserActive",
    role: "admin",
    input: async (f) => ({ userId: await f.newUserId(), active: "true" }),
  },
  {
    file: "app/(dashboard)/settings/users/actions.ts",
    name: "resetUserPassword",
    role: "admin",
    input: async (f) => ({ userId: await f.newUserId() }),
  },
];

// ── Route handlers ──────────────────────────────────────────────────────────────────────────
// `expect`: the status each caller gets, or "ok" for "let through" (any status but 401/403/5xx).
type Expected = number | "ok";
interface RouteRow {
  file: string;
  method: string;
  url: (f: Fixtures) => string;
  params?: (f: Fixtures) => Record<string, string | string[]>;
  body?: unknown;
  expect: Record<CallerName, Expected>;
}

const everyone = (status: Expected): Record<CallerName, Expected> => ({
  anonymous: status,
  viewer: status,
  operator: status,
  admin: status,
});
const atLeast = (role: Role): Record<CallerName, Expected> => ({
  anonymous: 401,
  viewer: role === "viewer" ? "ok" : 403,
  operator: role === "admin" ? 403 : "ok",
  admin: "ok",
});
const EMU = "app/api/finch-emu/[...path]/route.ts";
const emulatorControl = (method: string): RouteRow => ({
  file: EMU,
  method,
  url: () => `/api/finch-emu/_emulator/faults`,
  params: () => ({ path: ["_emulator", "faults"] }),
  body: method === "PUT" ? { rules: [] } : undefined,
  expect: atLeast("operator"),
});

/** A deduction write route of the data API: operators and admins (or a data:write key) only. */
const benefitWrite = (file: string, tail: string, extra: Record<string, string>): RouteRow[] => [
  {
    file,
    method: "POST",
    url: (f) => `/api/employers/${f.employerId}/${tail}`,
    params: (f) => ({ id: f.employerId, ...extra }),
    body: {},
    expect: atLeast("operator"),
  },
];

const ROUTES: RouteRow[] = [
  {
    file: "app/(dashboard)/employers/[id]/export/[kind]/route.ts",
    method: "GET",
    url: (f) => `/employers/${f.employerId}/export/directory`,
    params: (f) => ({ id: f.employerId, kind: "directory" }),
    expect: atLeast("viewer"),
  },
  {
    file: "app/(dashboard)/employers/export/route.ts",
    method: "GET",
    url: () => "/employers/export",
    expect: atLeast("viewer"),
  },
  {
    file: "app/api/auth/[...nextauth]/route.ts",
    method: "GET",
    url: () => "/api/auth/providers",
    expect: everyone(200),
  },
  {
    file: "app/api/auth/[...nextauth]/route.ts",
    method: "POST",
    url: () => "/api/auth/signout",
    expect: everyone(302),
  },
  {
    file: "app/api/cron/status-sweep/route.ts",
    method: "GET",
    url: () => "/api/cron/status-sweep",
    expect: everyone(401),
  },
  {
    file: "app/api/cron/follow-up/route.ts",
    method: "GET",
    url: () => "/api/cron/follow-up",
    expect: everyone(401),
  },
  {
    file: "app/api/cron/status-sweep/worker/route.ts",
    method: "POST",
    url: () => "/api/cron/status-sweep/worker",
    expect: everyone(401),
  },
  {
    file: "app/api/employers/route.ts",
    method: "GET",
    url: () => "/api/employers?limit=5",
    expect: atLeast("viewer"),
  },
  {
    file: "app/api/employers/[id]/route.ts",
    method: "GET",
    url: (f) => `/api/employers/${f.employerId}`,
    params: (f) => ({ id: f.employerId }),
    expect: atLeast("viewer"),
  },
  {
    file: "app/api/employers/[id]/data/[product]/route.ts",
    method: "GET",
    url: (f) => `/api/employers/${f.employerId}/data/company`,
    params: (f) => ({ id: f.employerId, product: "company" }),
    expect: atLeast("viewer"),
  },
  ...benefitWrite("app/api/employers/[id]/benefits/route.ts", "benefits", {}),
  ...benefitWrite("app/api/employers/[id]/benefits/register/route.ts", "benefits/register", {}),
  ...benefitWrite("app/api/employers/[id]/benefits/[benefitId]/route.ts", "benefits/b-1", {
    benefitId: "b-1",
  }),
  ...benefitWrite(
    "app/api/employers/[id]/benefits/[benefitId]/enrollments/route.ts",
    "benefits/b-1/enrollments",
    { benefitId: "b-1" },
  ),
  ...benefitWrite(
    "app/api/employers/[id]/benefits/[benefitId]/unenrollments/route.ts",
    "benefits/b-1/unenrollments",
    { benefitId: "b-1" },
  ),
  {
    file: "app/api/employers/[id]/deduction-changes/[changeId]/route.ts",
    method: "GET",
    url: (f) => `/api/employers/${f.employerId}/deduction-changes/${f.employerId}`,
    params: (f) => ({ id: f.employerId, changeId: f.employerId }),
    expect: atLeast("viewer"),
  },
  emulatorControl("GET"),
  emulatorControl("POST"),
  emulatorControl("PUT"),
  emulatorControl("PATCH"),
  emulatorControl("DELETE"),
  {
    file: "app/api/finch/callback/route.ts",
    method: "GET",
    url: () => "/api/finch/callback?code=x&state=y",
    expect: { anonymous: 307, viewer: 307, operator: 400, admin: 400 },
  },
  {
    file: "app/api/finch/exchange/route.ts",
    method: "POST",
    url: () => "/api/finch/exchange",
    body: {},
    expect: atLeast("operator"),
  },
  {
    file: "app/api/health/route.ts",
    method: "GET",
    url: () => "/api/health",
    expect: everyone(200),
  },
  {
    file: "app/api/invites/[token]/exchange/route.ts",
    method: "POST",
    url: () => `/api/invites/${"a".repeat(43)}/exchange`,
    params: () => ({ token: "a".repeat(43) }),
    body: {},
    expect: everyone(404),
  },
  {
    file: "app/api/invites/[token]/outcome/route.ts",
    method: "POST",
    url: () => `/api/invites/${"a".repeat(43)}/outcome`,
    params: () => ({ token: "a".repeat(43) }),
    body: {},
    expect: everyone(404),
  },
  {
    file: "app/api/invites/[token]/session/route.ts",
    method: "POST",
    url: () => `/api/invites/${"a".repeat(43)}/session`,
    params: () => ({ token: "a".repeat(43) }),
    body: {},
    expect: everyone(404),
  },
  {
    file: "app/api/webhooks/finch/route.ts",
    method: "POST",
    url: () => "/api/webhooks/finch",
    body: {},
    expect: everyone(400),
  },
  {
    file: "app/unavailable/route.ts",
    method: "GET",
    url: () => "/unavailable",
    expect: everyone(200),
  },
  {
    file: "app/authorize/[[...path]]/route.ts",
    method: "GET",
    url: () => "/authorize?session=unknown",
    params: () => ({}),
    expect: everyone(200),
  },
  {
    file: "app/authorize/[[...path]]/route.ts",
    method: "POST",
    url: () => "/authorize/complete",
    params: () => ({ path: ["complete"] }),
    body: {},
    expect: everyone(400),
  },
];

// ── Discovery ───────────────────────────────────────────────────────────────────────────────
const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const appFiles = walk(path.join(process.cwd(), "app")).map((f) =>
  path.relative(process.cwd(), f).split(path.sep).join("/"),
);
const routeFiles = appFiles.filter((f) => /\/route\.tsx?$/.test(f));
const actionFiles = appFiles.filter(
  (f) => /\.tsx?$/.test(f) && /^\s*["']use server["']/.test(readFileSync(f, "utf8")),
);

async function exportsOf(file: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ path.join(process.cwd(), file))) as Record<
    string,
    unknown
  >;
}

beforeAll(() => {
  installTestEnv();
});

describe("authorization matrix discovery", () => {
  it("has a row for every server action in every 'use server' file, and no stale rows", async () => {
    const found: string[] = [];
    for (const file of actionFiles) {
      for (const [name, value] of Object.entries(await exportsOf(file))) {
        if (typeof value === "function") found.push(`${file}#${name}`);
      }
    }
    const listed = ACTIONS.map((row) => `${row.file}#${row.name}`);
    expect(
      found.filter((key) => !listed.includes(key)),
      "actions missing from ACTIONS",
    ).toEqual([]);
    expect(
      listed.filter((key) => !found.includes(key)),
      "rows for actions that do not exist",
    ).toEqual([]);
  });

  it("has a row for every exported method of every route handler, and no stale rows", async () => {
    const found: string[] = [];
    for (const file of routeFiles) {
      for (const name of Object.keys(await exportsOf(file))) {
        if (HTTP_METHODS.has(name)) found.push(`${file}#${name}`);
      }
    }
    const listed = [...new Set(ROUTES.map((row) => `${row.file}#${row.method}`))];
    expect(
      found.filter((key) => !listed.includes(key)),
      "routes missing from ROUTES",
    ).toEqual([]);
    expect(
      listed.filter((key) => !found.includes(key)),
      "rows for routes that do not exist",
    ).toEqual([]);
  });
});

function isDenial(result: unknown): string | null {
  if (result && typeof result === "object" && "ok" in result && result.ok === false) {
    const code = (result as { code?: string }).code;
    if (code === "unauthenticated" || code === "forbidden") return code;
  }
  return null;
}

describe.each(databaseTargets())("authorization matrix on $name", (target) => {
  let handle: DatabaseHandle;
  const callers = {} as Record<CallerName, Caller>;
  let fixtures: Fixtures;

  beforeAll(async () => {
    handle = await target.open();
    setDatabaseForTests(handle);
    callers.anonymous = ANONYMOUS;
    for (const role of ["viewer", "operator", "admin"] as const) {
      callers[role] = await signedInStaff(role);
    }
    const employer = await createEmployer({
      name: "Matrix Co",
      customerId: `matrix-${Date.now()}`,
      contactEmail: null,
      createdBy: null,
    });
    let n = 0;
    fixtures = {
      employerId: employer!.id,
      unique: () => `${Date.now().toString(36)}${(n += 1)}`,
      newUserId: async () =>
        (await createUser({
          email: `target-${Date.now()}-${(n += 1)}@example.com`,
          name: null,
          role: "viewer",
          passwordHash: null,
        }))!.id,
    };
  });
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  describe.each(ACTIONS)("action $name", (row) => {
    it.each(CALLERS)(`as %s`, async (who) => {
      const caller =
        row.endsSession && who !== "anonymous" ? await signedInStaff(who as Role) : callers[who];
      const action = (await exportsOf(row.file))[row.name] as (
        prev: unknown,
        input: unknown,
      ) => Promise<unknown>;
      const input = row.input ? await row.input(fixtures) : {};
      const outcome = await asCaller(caller, async () => {
        try {
          return { result: await action(null, input) };
        } catch (error) {
          // redirect() is how a finished action hands over to the next page.
          const digest = (error as { digest?: string })?.digest ?? "";
          if (digest.startsWith("NEXT_REDIRECT")) return { result: { redirected: true } };
          throw error;
        }
      });
      const denial = isDenial(outcome.result);
      if (row.role === "public") {
        expect(denial).toBeNull();
      } else if (who === "anonymous") {
        expect(denial).toBe("unauthenticated");
      } else if (RANK[who] < RANK[row.role]) {
        expect(denial).toBe("forbidden");
      } else {
        expect(denial, JSON.stringify(outcome.result)).toBeNull();
      }
    });
  });

  describe.each(ROUTES)("route $method $file", (row) => {
    it.each(CALLERS)(`as %s`, async (who) => {
      const caller = callers[who];
      const handler = (await exportsOf(row.file))[row.method] as (
        request: Request,
        context: { params: Promise<Record<string, string | string[]>> },
      ) => Promise<Response>;
      const request = new Request(`${ORIGIN}${row.url(fixtures)}`, {
        method: row.method,
        headers: {
          cookie: caller.cookie,
          ...(row.body !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: row.body !== undefined ? JSON.stringify(row.body) : undefined,
      });
      const { NextRequest } = await import("next/server");
      const response = await asCaller(caller, () =>
        handler(new NextRequest(request), {
          params: Promise.resolve(row.params?.(fixtures) ?? {}),
        }),
      );
      const expected = row.expect[who];
      if (expected === "ok") {
        expect([401, 403]).not.toContain(response.status);
        expect(response.status).toBeLessThan(500);
      } else {
        expect(response.status).toBe(expected);
      }
    });
  });
});

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
