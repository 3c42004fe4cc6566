import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cookiesFromHeader, readSessionClaims } from "@/lib/security/session-token";

const SECRET = "unit-test-secret-with-enough-length-for-hkdf";
const NAME = "authjs.session-token";

function jar(entries: Record<string, string>) {
  return { get: (name: string) => (name in entries ? { value: entries[name] } : undefined) };
}

async function token(claims: Record<string, unknown>, maxAge = 3600, salt = NAME, secret = SECRET) {
  return encode({ token: claims, secret, salt, maxAge });
}

afterEach(() => vi.useRealTimers());

describe("reading the session cookie without Auth.js's session endpoint", () => {
  it("reads the uid and session version Auth.js put in the token", async () => {
    const value = await token({ uid: "u-1", sv: 3 });
    expect(await readSessionClaims(jar({ [NAME]: value }), SECRET)).toEqual({ uid: "u-1", sv: 3 });
  });

  it("salts with the cookie's own name, as Auth.js does (a token moved between names is junk)", async () => {
    const secure = `__Secure-${NAME}`;
    const value = await token({ uid: "u-2", sv: 1 }, 3600, secure);
    expect(await readSessionClaims(jar({ [secure]: value }), SECRET)).toEqual({
      uid: "u-2",
      sv: 1,
    });
    expect(await readSessionClaims(jar({ [NAME]: value }), SECRET)).toBeNull();
  });

  it("no cookie, junk, another secret, or no uid: no session", async () => {
    expect(await readSessionClaims(jar({}), SECRET)).toBeNull();
    expect(await readSessionClaims(jar({ [NAME]: "junk" }), SECRET)).toBeNull();
    const foreign = await token(
      { uid: "u-3", sv: 1 },
      3600,
      NAME,
      "another-secret-entirely-1234567890",
    );
    expect(await readSessionClaims(jar({ [NAME]: foreign }), SECRET)).toBeNull();
    const anonymous = await token({ sv: 1 });
    expect(await readSessionClaims(jar({ [NAME]: anonymous }), SECRET)).toBeNull();
  });

  it("an expired token is no session, even one that was read (and cached) while it was live", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-30T12:00:00Z"));
    const value = await token({ uid: "u-4", sv: 1 }, 60);
    expect(await readSessionClaims(jar({ [NAME]: value }), SECRET)).toEqual({ uid: "u-4", sv: 1 });
    vi.setSystemTime(new Date("2026-11-30T12:02:00Z"));
    expect(await readSessionClaims(jar({ [NAME]: value }), SECRET)).toBeNull();
  });

  it("leaves a cookie split into chunks to Auth.js", async () => {
    expect(await readSessionClaims(jar({ [`${NAME}.0`]: "a", [`${NAME}.1`]: "b" }), SECRET)).toBe(
      "chunked",
    );
  });
});

describe("cookiesFromHeader", () => {
  it("reads a Cookie header as Next.js's cookies() does", () => {
    const jar = cookiesFromHeader("a=1; b=x%20y;c=3; flag; a=4; bad=%E0%A4%A");
    expect(jar.get("a")?.value).toBe("4");
    expect(jar.get("b")?.value).toBe("x y");
    expect(jar.get("c")?.value).toBe("3");
    expect(jar.get("flag")?.value).toBe("true");
    expect(jar.get("bad")).toBeUndefined();
    expect(jar.get("missing")).toBeUndefined();
    expect(cookiesFromHeader(null).get("a")).toBeUndefined();
  });

  it("finds the session, or its chunks, in a request's header", async () => {
    const value = await token({ uid: "u-9", sv: 2 });
    const header = `theme=dark; ${NAME}=${value}`;
    expect(await readSessionClaims(cookiesFromHeader(header), SECRET)).toEqual({
      uid: "u-9",
      sv: 2,
    });
    expect(await readSessionClaims(cookiesFromHeader(`${NAME}.0=part`), SECRET)).toBe("chunked");
    expect(await readSessionClaims(cookiesFromHeader("theme=dark"), SECRET)).toBeNull();
  });
});
