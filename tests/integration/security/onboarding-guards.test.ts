import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { listConnectionGroups, listConnectionsForEmployer } from "@/db/queries/connections";
import { createEmployer } from "@/db/queries/employers";
import { getWebhookDelivery } from "@/db/queries/webhooks";
import { claimCode, getExchangedCode } from "@/db/queries/onboarding";
import { connectSessions, exchangedCodes, invites, type Employer } from "@/db/schema";
import { getDemoEmulator } from "@/lib/demo/emulator";
import { env } from "@/lib/env";
import { disconnectConnection } from "@/lib/onboarding/disconnect";
import { CLAIM_LEASE_MS, exchangeCode, findExchangeSession } from "@/lib/onboarding/exchange";
import { createInviteLink } from "@/lib/onboarding/invites";
import { applyEarlyWebhooks } from "@/lib/monitoring/webhooks";
import { startNewSession, type SessionOptions } from "@/lib/onboarding/sessions";
import { hashSecret } from "@/lib/onboarding/tokens";
import { installTestEnv } from "@/tests/support/app-env";
import { databaseTargets } from "@/tests/support/databases";
import { signedWebhook } from "@/tests/integration/monitoring/support";
import { signedInStaff, useCaller } from "./support";

vi.mock("next/headers", async () => (await import("./support")).nextEdge);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const OPTIONS: SessionOptions = {
  products: ["company", "directory", "payment"],
  manual: true,
  integration: null,
  minutesToExpire: 60,
  sandbox: null,
  redirect: false,
};
const actor = { userId: null, label: "Test" };

async function emulatorCall(path: string, init?: RequestInit) {
  const emulator = await getDemoEmulator()!;
  const response = await emulator.handle(new Request(`${env().publicUrl}${path}`, init));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Finishes Connect as the employer would; returns the authorization code. */
async function completeConnect(sessionId: string): Promise<string> {
  const { status, body } = await emulatorCall("/authorize/complete", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      session_id: sessionId,
      provider_id: "adp_run",
      auth_method: "credential",
      username: "good_user",
      password: "good_pass",
    }),
  });
  expect(status, JSON.stringify(body)).toBe(200);
  return body.code as string;
}

let counter = 0;
async function newEmployer(): Promise<Employer> {
  counter += 1;
  return (await createEmployer({
    name: `Guard Co ${counter}`,
    customerId: `guard-${counter}-${Date.now()}`,
    contactEmail: null,
    createdBy: null,
  }))!;
}

const post = (url: string, body?: unknown) =>
  new Request(`${env().publicUrl}${url}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(() => {
  installTestEnv();
});

describe.each(databaseTargets())("onboarding guards on $name", (target) => {
  let handle: DatabaseHandle;
  let operator: Awaited<ReturnType<typeof signedInStaff>>;
  beforeAll(async () => {
    handle = await target.open();
    setDatabaseForTests(handle);
    operator = await signedInStaff("operator");
  });
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  async function invite(employer: Employer) {
    return createInviteLink({
      employer,
      products: ["company", "directory"],
      manual: true,
      days: 7,
      actor: { userId: null as unknown as string, label: "ops@example.com" },
    });
  }

  async function inviteSession(token: string) {
    const { POST } = await import("@/app/api/invites/[token]/session/route");
    return POST(post(`/api/invites/${token}/session`), { params: Promise.resolve({ token }) });
  }

  it("an expired or revoked invite link starts nothing", async () => {
    const employer = await newEmployer();
    const expiring = await invite(employer);
    await handle.db
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invites.id, expiring.invite.id));
    expect((await inviteSession(expiring.token)).status).toBe(404);

    const revoked = await invite(employer);
    expect((await inviteSession(revoked.token)).status).toBe(201);
    await handle.db
      .update(invites)
      .set({ revokedAt: new Date() })
      .where(eq(invites.id, revoked.invite.id));
    expect((await inviteSession(revoked.token)).status).toBe(404);
  });

  it("an invite refuses another invite's Connect session, even with that session's valid code", async () => {
    const { POST: inviteExchange } = await import("@/app/api/invites/[token]/exchange/route");
    const mine = await invite(await newEmployer());
    const theirs = await invite(await newEmployer());
    const started = (await (await inviteSession(theirs.token)).json()) as { sessionId: string };
    const code = await completeConnect(started.sessionId);

    const crossed = await inviteExchange(
      post(`/api/invites/${mine.token}/exchange`, { code, sessionId: started.sessionId }),
      { params: Promise.resolve({ token: mine.token }) },
    );
    expect(crossed.status).toBe(400);
    expect(await listConnectionsForEmployer({ employerId: mine.invite.employerId })).toHaveLength(
      0,
    );
    // The same valid code through its own invite works, so the refusal was about the session.
    const own = await inviteExchange(
      post(`/api/invites/${theirs.token}/exchange`, { code, sessionId: started.sessionId }),
      { params: Promise.resolve({ token: theirs.token }) },
    );
    expect(own.status).toBe(200);
  });

  it("disconnecting revokes the invite that made the connection", async () => {
    const { POST: inviteExchange } = await import("@/app/api/invites/[token]/exchange/route");
    const employer = await newEmployer();
    const link = await invite(employer);
    const started = (await (await inviteSession(link.token)).json()) as { sessionId: string };
    const code = await completeConnect(started.sessionId);
    const params = { params: Promise.resolve({ token: link.token }) };
    const exchanged = await inviteExchange(
      post(`/api/invites/${link.token}/exchange`, { code, sessionId: started.sessionId }),
      params,
    );
    expect(exchanged.status).toBe(200);
    const [connection] = await listConnectionsForEmployer({ employerId: employer.id });
    await disconnectConnection({
      connection,
      actor: { userId: operator.userId, label: operator.email },
    });
    expect((await inviteSession(link.token)).status).toBe(404);
  });

  it("the redirect callback refuses a state whose Connect session has expired", async () => {
    const { GET: callback } = await import("@/app/api/finch/callback/route");
    useCaller(operator);
    const employer = await newEmployer();
    const started = await startNewSession({
      employer,
      options: { ...OPTIONS, redirect: true },
      actor,
      requestOrigin: "http://perch.test",
    });
    const state = new URL(started.redirectTo!).searchParams.get("state")!;
    const code = await completeConnect(started.sessionId);
    await handle.db
      .update(connectSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(connectSessions.finchSessionId, started.sessionId));
    const response = await callback(
      new NextRequest(`http://perch.test/api/finch/callback?code=${code}&state=${state}`, {
        headers: { host: "perch.test" },
      }),
    );
    expect(response.status).toBe(400);
    expect(await listConnectionsForEmployer({ employerId: employer.id })).toHaveLength(0);
  });

  it("an exchange killed mid-flight can be retried once its claim's lease has run out", async () => {
    const employer = await newEmployer();
    const started = await startNewSession({ employer, options: OPTIONS, actor });
    const code = await completeConnect(started.sessionId);
    const session = await findExchangeSession({ finchSessionId: started.sessionId });
    // The first attempt claimed the code and then the process died.
    const claim = await claimCode({
      codeHash: hashSecret(code),
      connectSessionId: session.id,
      leaseMs: CLAIM_LEASE_MS,
    });
    expect(claim.claimed).toBe(true);
    await handle.db
      .update(exchangedCodes)
      .set({ claimedAt: new Date(Date.now() - CLAIM_LEASE_MS - 1000) })
      .where(eq(exchangedCodes.codeHash, hashSecret(code)));

    const retried = await exchangeCode({ code, session, actor });
    expect(retried).toMatchObject({ created: true, replayed: false });
    expect((await getExchangedCode({ codeHash: hashSecret(code) }))?.status).toBe("done");
    // A live claim (within its lease) still belongs to its exchange.
    const live = await claimCode({
      codeHash: hashSecret("another-code-1234"),
      connectSessionId: session.id,
      leaseMs: CLAIM_LEASE_MS,
    });
    expect(live.claimed).toBe(true);
    const second = await claimCode({
      codeHash: hashSecret("another-code-1234"),
      connectSessionId: session.id,
      leaseMs: CLAIM_LEASE_MS,
    });
    expect(second).toMatchObject({ claimed: false, status: "exchanging" });
  });

  it("webhooks that arrive before the exchange are kept and applied once, in Finch's order", async () => {
    const { POST: webhook } = await import("@/app/api/webhooks/finch/route");
    const employer = await newEmployer();
    const started = await startNewSession({ employer, options: OPTIONS, actor });
    const code = await completeConnect(started.sessionId);
    const { body } = await emulatorCall("/api/finch-emu/_emulator/connections");
    const finchConnectionId = (
      body.connections as { connection_id: string; customer_id: string }[]
    ).find((c) => c.customer_id === employer.customerId)!.connection_id;

    const now = Math.floor(Date.now() / 1000);
    const early = signedWebhook({
      body: {
        connection_id: finchConnectionId,
        company_id: "c",
        account_id: "a",
        event_type: "job.initial_data_sync_org.succeeded",
        data: {},
      },
      timestampSeconds: now - 2,
    });
    const stale = signedWebhook({
      body: {
        connection_id: finchConnectionId,
        company_id: "c",
        account_id: "a",
        event_type: "account.updated",
        data: { status: "error_permissions" },
      },
      timestampSeconds: now - 3,
    });
    for (const delivery of [early, stale]) {
      const response = await webhook(delivery.request());
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ outcome: "unknown_connection" });
    }

    const session = await findExchangeSession({ finchSessionId: started.sessionId });
    const { connection } = await exchangeCode({ code, session, actor });
    const groups = await listConnectionGroups({ connectionId: connection.id });
    expect(groups.find((g) => g.group === "organization")?.readyAt).toBeTruthy();
    const applied = await getWebhookDelivery({ finchEventId: early.eventId });
    expect(applied).toMatchObject({ connectionId: connection.id, employerId: employer.id });
    expect(applied?.data.outcome).toBe("applied");
    // The status it carried is older than the status the exchange read, so it did not win.
    expect((await getWebhookDelivery({ finchEventId: stale.eventId }))?.data.outcome).toBe(
      "ignored",
    );
    expect((await listConnectionsForEmployer({ employerId: employer.id }))[0].status).not.toBe(
      "error_permissions",
    );
    // Exactly once: nothing is left to apply, and a redelivery is a duplicate.
    expect(await applyEarlyWebhooks({ connection, storedAt: new Date() })).toBe(0);
    expect(await (await webhook(early.request())).json()).toMatchObject({
      outcome: "duplicate",
    });
  });
});
