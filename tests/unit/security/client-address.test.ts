import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/security/client-address";

const headers = (values: Record<string, string>) => new Headers(values);

describe("clientAddress: only trusted infrastructure names the client", () => {
  it("believes no forwarding header when no proxy is declared", () => {
    const h = headers({ "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.10" });
    expect(clientAddress(h, { trustedProxies: 0, onVercel: false })).toBeNull();
  });

  it("takes the entry the outermost trusted proxy appended, not what the client sent", () => {
    const spoofed = headers({ "x-forwarded-for": "1.1.1.1, 2.2.2.2, 198.51.100.7" });
    expect(clientAddress(spoofed, { trustedProxies: 1, onVercel: false })).toBe("198.51.100.7");
    expect(clientAddress(spoofed, { trustedProxies: 2, onVercel: false })).toBe("2.2.2.2");
    const short = headers({ "x-forwarded-for": "198.51.100.7" });
    expect(clientAddress(short, { trustedProxies: 2, onVercel: false })).toBeNull();
  });

  it("on Vercel uses the headers Vercel's edge overwrites, never X-Forwarded-For", () => {
    const h = headers({
      "x-forwarded-for": "1.1.1.1",
      "x-vercel-forwarded-for": "198.51.100.7",
      "x-real-ip": "198.51.100.8",
    });
    expect(clientAddress(h, { trustedProxies: 0, onVercel: true })).toBe("198.51.100.7");
    expect(
      clientAddress(headers({ "x-real-ip": "2001:DB8::1" }), { trustedProxies: 0, onVercel: true }),
    ).toBe("2001:db8::1");
  });

  it("ignores values that are not addresses", () => {
    const h = headers({ "x-forwarded-for": "<script>, not-an-ip" });
    expect(clientAddress(h, { trustedProxies: 1, onVercel: false })).toBeNull();
  });
});
