import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { getConnectionById, listConnectionsForEmployer } from "@/db/queries/connections";
import { createEmployer } from "@/db/queries/employers";
import { listEvents } from "@/db/queries/events";
import { getExchangedCode } from "@/db/queries/onboarding";
import { connections, type Employer } from "@/db/schema";
import { accessTokenFor } from "@/lib/connections/access-token";
import { getDemoEmulator } from "@/lib/demo/emulator";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { introspectConnection } from "@/lib/finch/introspect";
import { disconnectConnection } from "@/lib/onboarding/disconnect";
import { exchangeCode, findExchangeSession } from "@/lib/onboarding/exchange";
import { createInviteLink } from "@/lib/onboarding/invites";
import {
  startNewSession,
  startReauthSession,
  type SessionOptions,
} from "@/lib/onboarding/sessions";
import { hashSecret } from "@/lib/onboarding/tokens";
import { installTestEnv } from "@/tests/support/app-env";
import { databaseTargets } from "@/tests/support/databases";
import {
  ANONYMOUS,
  signedInStaff,
  useCaller,
  type Caller,
} from "@/tests/integration/security/support";

// Real sessions: the operator signs in through Auth.js; Next's request headers are the test's.
vi.mock(
  "next/headers",
  async () => (await import("@/tests/integration/security/support")).nextEdge,
);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const OPTIONS: SessionOptions = {
  products: ["company", "directory", "payment"],
  manual: true,
  integration: null,
  minutesToExpire: 60,
  sandbox: null,
  redirect: false,
};

/** Finishes a Connect session the way the Connect page's script does, returning the code. */
async function completeConnect(
  sessionId: string,
  body: Record<string, string> = {
    provider_id: "adp_run",
    auth_method: "credential",
    username: "good_user",
    password: "good_pass",
  },
): Promise<string> {
  const emulator = await getDemoEmulator()!;
  const response = await emulator.handle(
    new Request(`${env().publicUrl}/authorize/complete`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ session_id: sessionId, ...body }),
    }),
  );
  const json = (await response.json()) as { code?: string };
  expect(response.status, JSON.stringify(json)).toBe(200);
  return json.code!;
}

let counter = 0;
async function newEmployer(): Promise<Employer> {
  counter += 1;
  return (await createEmployer({
    name: `Exchange Co ${counter}`,
    customerId: `exch-${counter}-${Date.now()}`,
    contactEmail: null,
    createdBy: null,
  }))!;
}

const actor = { userId: null, label: "Test" };

beforeAll(() => {
  installTestEnv();
});

describe.each(databaseTargets())("code exchange on $name", (target) => {
  let handle: DatabaseHandle;
  let staff: Caller;
  beforeAll(async () => {
    handle = await target.open();
    setDatabaseForTests(handle);
    staff = await signedInStaff("operator");
  });
  afterAll(async () => {
    useCaller(ANONYMOUS);
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  it("stores one connection with an encrypted token, and a replayed code returns the same one", async () => {
    const employer = await newEmployer();
    const started = await startNewSession({ employer, options: OPTIONS, actor });
    const code = await completeConnect(started.sessionId);
    const session = await findExchangeSession({ finchSessionId: started.sessionId });

    const first = await exchangeCode({ code, session, actor });
    expect(first).toMatchObject({ created: true, replayed: false });
    expect(first.connection).toMatchObject({ status: "connected", providerName: "ADP Run" });
    const token = accessTokenFor(first.connection);
    expect(first.connection.accessTokenCiphertext).not.toContain(token);
    expect(first.connection.accessTokenKeyId).toBe(env().encryptionKeys[0].id);
    expect((await introspectConnection(token)).finchConnectionId).toBe(
      first.connection.finchConnectionId,
    );

    const replay = await exchangeCode({ code, session, actor });
    expect(replay).toMatchObject({ created: false, replayed: true });
    expect(replay.connection.id).toBe(first.connection.id);
    expect(await listConnectionsForEmployer({ employerId: employer.id })).toHaveLength(1);
    expect((await getExchangedCode({ codeHash: hashSecret(code) }))?.status).toBe("done");

    const types = (await listEvents({ employerId: employer.id })).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "connect.session_created",
        "connect.code_exchanged",
        "connection.created",
      ]),
    );
    expect(types.filter((t) => t === "connection.created")).toHaveLength(1);
  });

  it("answers a double submit with one connection", async () => {
    const employer = await newEmployer();
    const started = await startNewSession({ employer, options: OPTIONS, actor });
    const code = await completeConnect(started.sessionId, {
      provider_id: "paycom",
      auth_method: "assisted",
      outcome: "success",
    });
    const session = await findExchangeSession({ finchSessionId: started.sessionId });
    const results = await Promise.all([
      exchangeCode({ code, session, actor }),
      exchangeCode({ code, session, actor }),
    ]);
    expect(results.map((r) => r.connection.id)[0]).toBe(results[1].connection.id);
    expect(results.filter((r) => r.created && !r.replayed)).toHaveLength(1);
    expect(results[0].connection).toMatchObject({ assisted: true, status: "pending" });
    expect(await listConnectionsForEmployer({ employerId: employer.id })).toHaveLength(1);
  });

  it("refuses a bad code with a clear error and writes no connection", async () => {
    const employer = await newEmployer();
    const started = await startNewSession({ employer, options: OPTIONS, actor });
    const session = await findExchangeSession({ finchSessionId: started.sessionId });
    const error = await exchangeCode({ code: "not-a-real-code-123", session, actor }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_input");
    expect((error as AppError).message).toMatch(/did not accept this authorization code/);
    expect(await listConnectionsForEmployer({ employerId: employer.id })).toHaveLength(0);
    expect((await getExchangedCode({ codeHash: hashSecret("not-a-real-code-123") }))?.status).toBe(
      "failed",
    );
    const types = (await listEvents({ employerId: employer.id })).map((e) => e.type);
    expect(types).toContain("connect.failed");
    expect(types).not.toContain("connection.created");
  });

  it("re-authenticates into the same connection with a new token, then disconnects it", async () => {
    const employer = await newEmployer();
    const first = await startNewSession({ employer, options: OPTIONS, actor });
    const original = (
      await exchangeCode({
        code: await completeConnect(first.sessionId),
        session: await findExchangeSession({ finchSessionId: first.sessionId }),
        actor,
      })
    ).connection;
    const oldToken = accessTokenFor(original);

    const reauth = await startReauthSession({
      employer,
      connection: original,
      minutesToExpire: 60,
      redirect: false,
      actor,
    });
    const code = await completeConnect(reauth.sessionId);
    const result = await exchangeCode({
      code,
      session: await findExchangeSession({ finchSessionId: reauth.sessionId }),
      actor,
    });
    expect(result).toMatchObject({ created: false, replayed: false });
    expect(result.connection.id).toBe(original.id);
    const newToken = accessTokenFor((await getConnectionById({ id: original.id }))!);
    expect(newToken).not.toBe(oldToken);
    const types = (await listEvents({ employerId: employer.id })).map((e) => e.type);
    expect(types).toContain("connection.reauthenticated");

    const user = { userId: null as unknown as string, label: "ops@example.com" };
    await disconnectConnection({
      connection: (await getConnectionById({ id: original.id }))!,
      actor: user,
    });
    const after = (await getConnectionById({ id: original.id }))!;
    expect(after).toMatchObject({
      status: "disconnected",
      accessTokenCiphertext: null,
      accessTokenKeyId: null,
    });
    expect(after.disconnectedAt).toBeInstanceOf(Date);
    expect(await listConnectionsForEmployer({ employerId: employer.id })).toHaveLength(1);
    await expect(introspectConnection(newToken)).rejects.toThrow();
    expect((await listEvents({ employerId: employer.id })).map((e) => e.type)).toContain(
      "connection.disconnected",
    );
  });

  it("never puts the token in a route response (ops exchange and invite exchange)", async () => {
    const { POST: opsExchange } = await import("@/app/api/finch/exchange/route");
    const { POST: inviteSession } = await import("@/app/api/invites/[token]/session/route");
    const { POST: inviteExchange } = await import("@/app/api/invites/[token]/exchange/route");
    const employer = await newEmployer();

    useCaller(ANONYMOUS);
    const refused = await opsExchange(
      new Request("http://x/api/finch/exchange", {
        method: "POST",
        body: JSON.stringify({ code: "abcdefgh", sessionId: "s" }),
      }),
    );
    expect(refused.status).toBe(401);

    useCaller(staff);
    const bad = await opsExchange(
      new Request("http://x/api/finch/exchange", { method: "POST", body: "{}" }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("invalid_input");

    const started = await startNewSession({ employer, options: OPTIONS, actor });
    const code = await completeConnect(started.sessionId);
    const ops = await opsExchange(
      new Request("http://x/api/finch/exchange", {
        method: "POST",
        body: JSON.stringify({ code, sessionId: started.sessionId }),
      }),
    );
    expect(ops.status).toBe(201);
    const opsText = await ops.text();
    const [stored] = await handle.db
      .select()
      .from(connections)
      .where(eq(connections.employerId, employer.id));
    expect(opsText).not.toContain(accessTokenFor(stored));
    expect(opsText).not.toContain(stored.accessTokenCiphertext!);
    expect(JSON.parse(opsText).connection).toMatchObject({ status: "connected" });

    const other = await newEmployer();
    const { token } = await createInviteLink({
      employer: other,
      products: ["company", "directory"],
      manual: true,
      days: 7,
      actor: { userId: null as unknown as string, label: "ops@example.com" },
    });
    const params = { params: Promise.resolve({ token }) };
    const sessionResponse = await inviteSession(
      new Request(`http://x/api/invites/${token}/session`, { method: "POST" }),
      params,
    );
    expect(sessionResponse.status).toBe(201);
    const { sessionId } = (await sessionResponse.json()) as { sessionId: string };
    const inviteCode = await completeConnect(sessionId, {
      provider_id: "paycom",
      auth_method: "assisted",
      outcome: "no_account_setup",
    });
    const exchanged = await inviteExchange(
      new Request(`http://x/api/invites/${token}/exchange`, {
        method: "POST",
        body: JSON.stringify({ code: inviteCode, sessionId }),
      }),
      params,
    );
    expect(exchanged.status).toBe(200);
    const inviteText = await exchanged.text();
    const [inviteConnection] = await listConnectionsForEmployer({ employerId: other.id });
    expect(inviteText).not.toContain(accessTokenFor(inviteConnection));
    expect(JSON.parse(inviteText)).toEqual({
      status: "pending",
      statusLabel: "Pending",
      providerName: "Paycom",
    });
    const inviteEvents = await listEvents({ employerId: other.id });
    expect(inviteEvents.find((e) => e.type === "connection.created")?.actorLabel).toBe(
      "Employer via invite link",
    );

    // A session this invite did not create is refused, and so is a malformed link.
    const foreign = await inviteExchange(
      new Request(`http://x/api/invites/${token}/exchange`, {
        method: "POST",
        body: JSON.stringify({ code: "abcdefghij", sessionId: started.sessionId }),
      }),
      params,
    );
    expect(foreign.status).toBe(400);
    const malformed = await inviteSession(
      new Request("http://x/api/invites/nope/session", { method: "POST" }),
      { params: Promise.resolve({ token: "nope" }) },
    );
    expect(malformed.status).toBe(404);
  });

  it("redirect flow: refuses a missing or wrong state, exchanges once with the right one", async () => {
    const { GET: callback } = await import("@/app/api/finch/callback/route");
    const { NextRequest } = await import("next/server");
    useCaller(staff);
    const employer = await newEmployer();
    const started = await startNewSession({
      employer,
      options: { ...OPTIONS, redirect: true },
      actor,
      requestOrigin: "http://perch.test",
    });
    const target = new URL(started.redirectTo!);
    const state = target.searchParams.get("state")!;
    expect(state).toHaveLength(43);
    const code = await completeConnect(started.sessionId);

    const call = (query: string) =>
      callback(
        new NextRequest(`http://perch.test/api/finch/callback?${query}`, {
          headers: { host: "perch.test" },
        }),
      );
    expect((await call(`code=${code}`)).status).toBe(400);
    expect((await call(`code=${code}&state=${"x".repeat(43)}`)).status).toBe(400);
    expect(await listConnectionsForEmployer({ employerId: employer.id })).toHaveLength(0);

    const ok = await call(`code=${code}&state=${state}`);
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(
      `http://perch.test/employers/${employer.id}?connect=connected`,
    );
    expect(await listConnectionsForEmployer({ employerId: employer.id })).toHaveLength(1);
    // The state is single use.
    expect((await call(`code=${code}&state=${state}`)).status).toBe(400);
  });
});
