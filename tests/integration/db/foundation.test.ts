import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabaseForTests } from "@/db";
import { migrationCount, type DatabaseHandle } from "@/db/client";
import { databaseHealth } from "@/db/queries/health";
import { listEvents, recordEvent } from "@/db/queries/events";
import { clearRateLimit, hitRateLimit, peekRateLimit } from "@/db/queries/rate-limits";
import { countActiveAdmins, createUser, getUserByEmail, updateUser } from "@/db/queries/users";
import { databaseTargets } from "@/tests/support/databases";
import { installTestEnv } from "@/tests/support/app-env";

describe.each(databaseTargets())("database foundation on $name", (target) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    installTestEnv();
    handle = await target.open();
    setDatabaseForTests(handle);
  });
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  it("applies every migration, and reports them current", async () => {
    const health = await databaseHealth();
    expect(health.driver).toBe(target.name);
    expect(health.migrationsApplied).toBe(migrationCount());
    expect(health.migrationsExpected).toBe(migrationCount());
  });

  it("creates the indexes the dashboard relies on", async () => {
    const rows = await handle.db.execute<{ indexname: string }>(
      sql`select indexname from pg_indexes where schemaname = 'public'`,
    );
    const names = (
      Array.isArray(rows) ? rows : (rows as unknown as { rows: { indexname: string }[] }).rows
    ).map((r) => r.indexname);
    for (const index of [
      "employers_name_trgm_idx",
      "employers_status_idx",
      "employers_provider_idx",
      "connections_next_check_idx",
      "events_finch_event_id_key",
    ]) {
      expect(names).toContain(index);
    }
  });

  it("keeps e-mails unique regardless of case", async () => {
    const first = await createUser({
      email: "Ops@Example.com",
      name: "Ops",
      role: "operator",
      passwordHash: null,
    });
    expect(first?.email).toBe("ops@example.com");
    expect(
      await createUser({
        email: "OPS@example.com",
        name: null,
        role: "viewer",
        passwordHash: null,
      }),
    ).toBeUndefined();
    expect((await getUserByEmail({ email: " ops@EXAMPLE.com " }))?.id).toBe(first!.id);
  });

  it("counts only active admins", async () => {
    const admin = await createUser({
      email: "boss@example.com",
      name: null,
      role: "admin",
      passwordHash: null,
    });
    expect(await countActiveAdmins()).toBe(1);
    await updateUser({ id: admin!.id }, { active: false });
    expect(await countActiveAdmins()).toBe(0);
  });

  it("counts rate-limit hits in a fixed window that resets", async () => {
    const t0 = new Date("2026-11-24T10:00:00Z");
    expect((await hitRateLimit({ key: "k", windowMs: 60_000, now: t0 })).count).toBe(1);
    expect(
      (await hitRateLimit({ key: "k", windowMs: 60_000, now: new Date(t0.getTime() + 1000) }))
        .count,
    ).toBe(2);
    expect((await peekRateLimit({ key: "k", now: new Date(t0.getTime() + 2000) })).count).toBe(2);
    const later = new Date(t0.getTime() + 61_000);
    expect((await peekRateLimit({ key: "k", now: later })).count).toBe(0);
    expect((await hitRateLimit({ key: "k", windowMs: 60_000, now: later })).count).toBe(1);
    await clearRateLimit({ key: "k" });
    expect((await peekRateLimit({ key: "k", now: later })).count).toBe(0);
  });

  it("appends events, and stores a Finch event id only once", async () => {
    const first = await recordEvent({
      source: "webhook",
      type: "account.updated",
      finchEventId: "msg_1",
      summary: "one",
    });
    const again = await recordEvent({
      source: "webhook",
      type: "account.updated",
      finchEventId: "msg_1",
      summary: "two",
    });
    expect(first?.id).toBeGreaterThan(0);
    expect(again).toBeUndefined();
    await recordEvent({ source: "staff", type: "user.created", summary: "staff action" });
    const webhooks = await listEvents({ source: "webhook" });
    expect(webhooks.map((e) => e.summary)).toEqual(["one"]);
  });
});
