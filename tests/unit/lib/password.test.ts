import { describe, expect, it } from "vitest";
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from "@/lib/password";

describe("passwords", () => {
  it("hashes with scrypt and a random salt, never storing the password", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toEqual(b);
    expect(a).not.toContain("correct horse");
  });

  it("verifies the right password and rejects others and malformed hashes", async () => {
    const hash = await hashPassword("correct horse");
    expect(await verifyPassword("correct horse", hash)).toBe(true);
    expect(await verifyPassword("correct horse ", hash)).toBe(false);
    expect(await verifyPassword("correct horse", "plain-text")).toBe(false);
    expect(await verifyPassword("correct horse", null)).toBe(false);
  });

  it("generates 16-character passwords without look-alike characters", () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const p of passwords) expect(p).toMatch(/^[a-zA-HJ-NP-Z2-9]{16}$/);
  });

  it("verifies unknown accounts against a hash of the same cost as real ones", async () => {
    const params = (hash: string) => hash.split("$").slice(0, 4).join("$");
    const dummy = await dummyPasswordHash();
    expect(params(dummy)).toBe(params(await hashPassword("x")));
    expect(dummy.split("$")[5]).toHaveLength((await hashPassword("x")).split("$")[5].length);
    expect(await verifyPassword("anything", dummy)).toBe(false);
  });
});
