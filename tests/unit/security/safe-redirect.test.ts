import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/security/safe-redirect";

describe("safeRedirectPath: only same-site paths are followed", () => {
  it.each([
    ["/employers", "/employers"],
    ["/employers/abc?tab=directory#top", "/employers/abc?tab=directory#top"],
    ["/api/finch/callback?code=x&state=y", "/api/finch/callback?code=x&state=y"],
    ["/login?from=%2Femployers", "/login?from=%2Femployers"],
  ])("keeps %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/\tevil.example",
    "/%09/evil.example",
    "/\t/evil.example",
    "/%0A/evil.example",
    "/\n/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "%2F%2Fevil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "evil.example",
    " /employers",
    "/ /evil.example",
    "/%E0%A4%A",
    "/\u0000evil",
    "",
  ])("refuses %j", (input) => {
    expect(safeRedirectPath(input)).toBe("/");
  });

  it("refuses non-strings and falls back to what the caller chose", () => {
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(["/a", "/b"])).toBe("/");
    expect(safeRedirectPath("//evil", "")).toBe("");
  });
});
