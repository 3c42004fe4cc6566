import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  strictTransportSecurity,
  type HeaderSettings,
} from "@/lib/security/headers";

const production: HeaderSettings = {
  mode: "production",
  connectUrl: "https://connect.tryfinch.com",
  development: false,
  publicUrl: "https://perch.example.com",
  onVercel: false,
};

describe("security headers", () => {
  it("allows scripts by this response's nonce only, never inline scripts", () => {
    const csp = contentSecurityPolicy("abc123", production);
    const scripts = /script-src ([^;]+)/.exec(csp)![1];
    expect(scripts).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-src https://connect.tryfinch.com");
    expect(csp).toContain("object-src 'none'");
    expect(contentSecurityPolicy("n", { ...production, mode: "demo" })).toContain(
      "frame-src 'self'",
    );
  });

  it("sends HSTS over HTTPS and on Vercel, not on plain HTTP", () => {
    expect(strictTransportSecurity(production)).toMatch(/^max-age=\d{8}/);
    const http = { ...production, publicUrl: "http://localhost:3000" };
    expect(strictTransportSecurity(http)).toBeNull();
    expect(strictTransportSecurity({ ...http, onVercel: true })).not.toBeNull();
  });
});
