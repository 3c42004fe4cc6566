import { describe, expect, it } from "vitest";
import { isWellFormedFormReply, isWellFormedTextReply } from "@/lib/security/action-body";

describe("server-action bodies", () => {
  it("accepts what React's client sends", () => {
    expect(isWellFormedTextReply('["$undefined",{"employerId":"x","note":"$$5"}]')).toBe(true);
    expect(isWellFormedTextReply('[null,"$D2026-11-30T00:00:00.000Z","$n12"]')).toBe(true);
    const form = new Map([
      ["0", '[null,"$K1"]'],
      ["1_email", "a@b.c"],
    ]);
    expect(isWellFormedFormReply(form)).toBe(true);
    expect(
      isWellFormedFormReply(
        new Map([
          ["0", '["$Q1"]'],
          ["1", "[]"],
        ]),
      ),
    ).toBe(true);
  });

  it("refuses broken JSON, non-arrays and references to parts that are not there", () => {
    for (const body of ["[null,{", "", '"x"', '{"a":1}', '["$Q1","$@99"]', '["$Z"]', '["$h2"]']) {
      expect(isWellFormedTextReply(body), body).toBe(false);
    }
    expect(isWellFormedFormReply(new Map([["1_email", "a"]]))).toBe(false);
    expect(isWellFormedFormReply(new Map([["0", '["$W2"]']]))).toBe(false);
    expect(isWellFormedFormReply(new Map([["0", "{"]]))).toBe(false);
  });
});
