import { describe, expect, it } from "vitest";
import {
  employerListHref,
  employerQuery,
  parseEmployerSearch,
} from "@/lib/monitoring/employer-filters";

describe("employer list search parameters", () => {
  it("reads every filter and drops what it does not understand", () => {
    const search = parseEmployerSearch({
      q: "  acme ",
      status: "processing",
      kind: "robot",
      sort: "changed",
      readyFrom: "7",
      readyTo: "14",
      attention: ["stale_data", "reauth_needed"],
    });
    expect(search).toMatchObject({
      q: "acme",
      status: "processing",
      kind: undefined,
      sort: "changed",
      readyFrom: 7,
      readyTo: 14,
      attention: "stale_data",
    });
  });

  it("ignores empty values and nonsense numbers", () => {
    expect(parseEmployerSearch({ q: "", readyTo: "-3", sort: "nope" })).toMatchObject({
      q: undefined,
      readyTo: undefined,
      sort: undefined,
    });
  });

  it("turns the ready window into days from now, defaulting its start to today", () => {
    const now = new Date("2026-12-01T10:00:00Z");
    expect(employerQuery(parseEmployerSearch({ readyTo: "7" }), now)).toMatchObject({
      readyFromDays: 0,
      readyToDays: 7,
      now,
    });
    expect(employerQuery(parseEmployerSearch({ readyFrom: "7" }), now).readyToDays).toBeUndefined();
  });

  it("builds links that keep the filters and reset the page", () => {
    const search = parseEmployerSearch({ q: "acme", status: "pending", after: "abc" });
    expect(employerListHref(search, { sort: "name" })).toBe(
      "/employers?q=acme&status=pending&sort=name",
    );
    expect(employerListHref(search, { after: "xyz" })).toBe(
      "/employers?q=acme&status=pending&after=xyz",
    );
    expect(employerListHref(parseEmployerSearch({}), {})).toBe("/employers");
    expect(employerListHref(search, {}, "/employers/export")).toBe(
      "/employers/export?q=acme&status=pending",
    );
  });
});
