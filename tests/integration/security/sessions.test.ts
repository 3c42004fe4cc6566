import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
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
    const other = await signInThroughAuth(viewer.email, viewer.password);
    await signOutThroughAuth(viewer.cookie);
    expect(await sessionOf(viewer.cookie)).toBeNull();
    // Sign-out ends every session of that user, including another browser's.
    expect(await sessionOf(other.cookie)).toBeNull();
    const { currentUser } = await import("@/lib/session");
    expect(await asCaller(viewer, () => currentUser())).toBeNull();
  });
});
