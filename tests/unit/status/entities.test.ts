import { describe, expect, it } from "vitest";
import { entityScope, entitySummary, nextEntityState } from "@/lib/status/entities";

const T0 = new Date("2026-03-02T10:00:00Z");
const T1 = new Date("2026-03-03T10:00:00Z");

describe("entityScope: one Finch entity per data read", () => {
  const two = [
    { finchEntityId: "a", status: "connected" },
    { finchEntityId: "b", status: "error_permissions" },
  ];

  it("needs no entity for a single-entity connection, and refuses one named", () => {
    expect(entityScope([], null)).toEqual({ kind: "connection" });
    expect(entityScope([], "a").kind).toBe("invalid");
  });

  it("requires an entity when several are live, listing their ids", () => {
    const scope = entityScope(two, null);
    expect(scope).toMatchObject({ kind: "invalid", entityIds: ["a", "b"] });
    expect(scope.kind === "invalid" && scope.message).toContain("a, b");
  });

  it("takes a named live entity, refuses an unknown or disconnected one", () => {
    expect(entityScope(two, "b")).toEqual({ kind: "entity", finchEntityId: "b" });
    expect(entityScope(two, "zzz").kind).toBe("invalid");
    const oneLeft = [two[0], { finchEntityId: "b", status: "disconnected" }];
    expect(entityScope(oneLeft, "b").kind).toBe("invalid");
    // One live entity left: it is the default.
    expect(entityScope(oneLeft, null)).toEqual({ kind: "entity", finchEntityId: "a" });
  });
});

describe("nextEntityState", () => {
  it("dates a status change and keeps the first verification", () => {
    const pending = nextEntityState(null, "pending", T0);
    expect(pending).toEqual({
      status: "pending",
      statusChangedAt: T0,
      permissionsVerifiedAt: null,
    });
    const processing = nextEntityState(pending, "processing", T1);
    expect(processing).toEqual({
      status: "processing",
      statusChangedAt: T1,
      permissionsVerifiedAt: T1,
    });
    const again = nextEntityState(processing, "processing", new Date("2026-03-09T00:00:00Z"));
    expect(again.statusChangedAt).toEqual(T1);
    const reauth = nextEntityState(again, "reauth", new Date("2026-03-10T00:00:00Z"));
    expect(reauth.permissionsVerifiedAt).toEqual(T1);
  });
});

describe("entitySummary", () => {
  it("says how many entities and how many need attention", () => {
    expect(entitySummary({ total: 3, needsAttention: 1 })).toBe("3 entities, 1 needs attention");
    expect(entitySummary({ total: 2, needsAttention: 0 })).toBe("2 entities");
    expect(entitySummary({ total: 1, needsAttention: 0 })).toBe("1 entity");
  });
});
