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

describe("employer list page sizes", () => {
  const now = new Date("2026-11-30T12:00:00Z");

  it("offers 25, 50 and 100 rows, 25 by default, and ignores any other size", () => {
    expect(employerQuery(parseEmployerSearch({}), now).pageSize).toBe(25);
    expect(employerQuery(parseEmployerSearch({ size: "50" }), now).pageSize).toBe(50);
    expect(employerQuery(parseEmployerSearch({ size: "100" }), now).pageSize).toBe(100);
    for (const size of ["37", "500", "-1", "lots"]) {
      expect(employerQuery(parseEmployerSearch({ size }), now).pageSize).toBe(25);
    }
  });

  it("keeps the size when filters change, and starts again from the first page", () => {
    const search = parseEmployerSearch({ size: "100", after: "cursor", status: "reauth" });
    expect(employerListHref(search, { sort: "changed" })).toBe(
      "/employers?status=reauth&size=100&sort=changed",
    );
  });
});
