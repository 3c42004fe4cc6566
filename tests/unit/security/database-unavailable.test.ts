import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/db/unavailable";

describe("isDatabaseUnavailable", () => {
  it("recognises a database that cannot be reached, however deeply wrapped", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: refused }))).toBe(true);
    // Auth.js wraps as { cause: { err } }; Node wraps multi-address failures in AggregateError.
    expect(isDatabaseUnavailable({ cause: { err: { errors: [refused] } } })).toBe(true);
    expect(isDatabaseUnavailable({ code: "57P01" })).toBe(true);
    expect(isDatabaseUnavailable({ code: "CONNECTION_CLOSED" })).toBe(true);
  });

  it("does not mistake a bad query or a constraint for an outage", () => {
    expect(isDatabaseUnavailable({ code: "23505" })).toBe(false);
    expect(isDatabaseUnavailable({ code: "22P02" })).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
