import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { SIGN_IN_LIMITS } from "@/lib/security/sign-in-limits";
import { installTestEnv } from "@/tests/support/app-env";
import { databaseTargets } from "@/tests/support/databases";
import { signedInStaff, signInThroughAuth } from "./support";

vi.mock("next/headers", async () => (await import("./support")).nextEdge);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

/** Ends the current backoff pause, as waiting a few seconds would. */
async function endPause(email: string) {
  const db = await getDb();
  await db
    .update(rateLimits)
    .set({ resetAt: new Date(Date.now() - 1000) })
    .where(sql`${rateLimits.key} = ${`sign-in:email-pause:${email}`}`);
}

const from = (forwardedFor: string) => ({ "x-forwarded-for": forwardedFor });

describe.each(databaseTargets())("sign-in limits on $name", (target) => {
  let handle: DatabaseHandle;
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  describe("with no trusted proxy declared", () => {
    beforeAll(async () => {
      installTestEnv();
      handle = await target.open();
      setDatabaseForTests(handle);
    });

    it("rotating X-Forwarded-For buys nothing, and the real user is slowed, not locked out", async () => {
      const user = await signedInStaff("viewer");
      for (let i = 0; i < SIGN_IN_LIMITS.freeFailuresPerEmail; i += 1) {
        const attempt = await signInThroughAuth(user.email, "wrong", from(`10.0.0.${i}`));
        expect(attempt).toMatchObject({ ok: false, error: "credentials" });
      }
      // Every further guess, from any claimed address, must wait out a short pause first.
      for (let i = 0; i < 5; i += 1) {
        const attempt = await signInThroughAuth(user.email, "wrong", from(`10.1.0.${i}`));
        expect(attempt).toMatchObject({ ok: false, error: "rate_limited" });
      }
      // The pause is seconds, not a 15-minute lockout: once it ends the owner signs in.
      await endPause(user.email);
      expect((await signInThroughAuth(user.email, user.password, from("10.2.0.1"))).ok).toBe(true);
    });

    it("an unknown e-mail fails exactly like a wrong password", async () => {
      const attempt = await signInThroughAuth("nobody@example.com", "wrong");
      expect(attempt).toMatchObject({ ok: false, error: "credentials" });
    });
  });

  describe("behind one trusted proxy", () => {
    beforeAll(async () => {
      installTestEnv({ PERCH_TRUSTED_PROXIES: "1" });
      await handle?.close();
      handle = await target.open();
      setDatabaseForTests(handle);
    });

    it("limits the address the proxy saw, whatever the client put in front of it", async () => {
      const user = await signedInStaff("viewer");
      for (let i = 0; i < SIGN_IN_LIMITS.perPair; i += 1) {
        await endPause(user.email);
        const attempt = await signInThroughAuth(
          user.email,
          "wrong",
          from(`10.9.9.${i}, 198.51.100.1`),
        );
        expect(attempt.error).toBe("credentials");
      }
      await endPause(user.email);
      const spoofed = await signInThroughAuth(
        user.email,
        user.password,
        from("10.9.9.99, 198.51.100.1"),
      );
      expect(spoofed).toMatchObject({ ok: false, error: "rate_limited" });
      // The owner, from their own address, is not locked out by the attacker's failures.
      const owner = await signInThroughAuth(user.email, user.password, from("198.51.100.2"));
      expect(owner.ok).toBe(true);
    });

    it("refuses one address spraying guesses across many accounts", async () => {
      for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i += 1) {
        await signInThroughAuth(`spray-${i}@example.com`, "wrong", from("198.51.100.50"));
      }
      const user = await signedInStaff("viewer");
      const attempt = await signInThroughAuth(user.email, user.password, from("198.51.100.50"));
      expect(attempt).toMatchObject({ ok: false, error: "rate_limited" });
    });
  });
});
