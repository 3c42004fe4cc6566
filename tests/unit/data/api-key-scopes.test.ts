import { describe, expect, it } from "vitest";
import { scopeGrants } from "@/lib/api-keys";

describe("API key scopes", () => {
  it("lets a write key read, but never a read key write", () => {
    expect(scopeGrants("data:read", "data:read")).toBe(true);
    expect(scopeGrants("data:write", "data:write")).toBe(true);
    expect(scopeGrants("data:write", "data:read")).toBe(true);
    expect(scopeGrants("data:read", "data:write")).toBe(false);
    expect(scopeGrants("something:else", "data:read")).toBe(false);
  });
});
