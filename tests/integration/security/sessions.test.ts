import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setDatabaseForTests } from "@/db";
import { openPostgres, type DatabaseHandle } from "@/db/client";
import { installTestEnv } from "@/tests/support/app-env";
import { databaseTargets } from "@/tests/support/databases";
import {
  asCaller,
  sessionOf,
  signedInStaff,
  signInThroughAuth,
  signOutThroughAuth,
} from "./support";

vi.mock("next/headers", async () => (await import("./support")).nextEdge);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

beforeAll(() => {
  installTestEnv();
});

describe.each(databaseTargets())("sessions on $name", (target) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await target.open();
    setDatabaseForTests(handle);
  });
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  it("signing out ends the session: the old cookie stops working at once", async () => {
    const viewer = await signedInStaff("viewer");
    expect(await sessionOf(viewer.cookie)).toMatchObject({ email: viewer.email });
    const { currentUser } = await import("@/lib/session");
    expect(await asCaller(viewer, () => currentUser())).toMatchObject({ email: viewer.email });
    const other = await signInThroughAuth(viewer.email, viewer.password);
    await signOutThroughAuth(viewer.cookie);
    expect(await sessionOf(viewer.cookie)).toBeNull();
    // Sign-out ends every session of that user, including another browser's.
    expect(await sessionOf(other.cookie)).toBeNull();
    expect(await asCaller(viewer, () => currentUser())).toBeNull();
    // Signing in again works as before.
    expect((await signInThroughAuth(viewer.email, viewer.password)).ok).toBe(true);
  });

  it("an admin's password reset ends the user's sessions; the new password works", async () => {
    const admin = await signedInStaff("admin");
    const viewer = await signedInStaff("viewer");
    const { resetUserPassword } = await import("@/app/(dashboard)/settings/users/actions");
    const result = await asCaller(admin, () => resetUserPassword(null, { userId: viewer.userId }));
    if (!result.ok) throw new Error(result.error);
    expect(await sessionOf(viewer.cookie)).toBeNull();
    expect(await sessionOf(admin.cookie)).toMatchObject({ email: admin.email });
    expect((await signInThroughAuth(viewer.email, viewer.password)).ok).toBe(false);
    expect((await signInThroughAuth(viewer.email, result.data.password)).ok).toBe(true);
  });

  it("a junk session cookie is simply no session, and writes nothing to the log", async () => {
    const errors = vi.spyOn(console, "error");
    const junk = "authjs.session-token=not-a-jwt";
    expect(await sessionOf(junk)).toBeNull();
    const { currentUser } = await import("@/lib/session");
    expect(await asCaller({ label: "anonymous", cookie: junk }, () => currentUser())).toBeNull();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it("during a database outage: 503 page, sign-in says so, and the session survives it", async () => {
    const viewer = await signedInStaff("viewer");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // Nothing listens on port 1: every query fails the way a downed server does.
    const down = await openPostgres("postgres://postgres@127.0.0.1:1/perch", { migrate: false });
    setDatabaseForTests(down);
    try {
      const { currentUser, requirePageUser } = await import("@/lib/session");
      await expect(asCaller(viewer, () => currentUser())).rejects.toMatchObject({
        code: "unavailable",
        status: 503,
      });
      const redirected = await asCaller(viewer, () => requirePageUser()).catch((e) => e);
      expect(String(redirected.digest)).toContain(";/unavailable;");
      const { GET } = await import("@/app/unavailable/route");
      expect((await GET()).status).toBe(503);
      expect((await signInThroughAuth(viewer.email, viewer.password)).error).toBe("unavailable");
    } finally {
      setDatabaseForTests(handle);
      await down.close();
      errors.mockRestore();
    }
    // The cookie was kept through the outage and works again once the database is back.
    expect(await sessionOf(viewer.cookie)).toMatchObject({ email: viewer.email });
  });
});
