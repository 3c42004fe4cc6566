import { describe, expect, it } from "vitest";
import { connectOutcomeMessage } from "@/lib/onboarding/connect-outcome";

const paycom = (status: string, statusLabel: string) => ({
  providerName: "Paycom",
  status,
  statusLabel,
  assisted: true,
});

describe("the Connect result says what actually happened", () => {
  it("says Connected only when Finch says connected", () => {
    expect(
      connectOutcomeMessage({
        connection: { ...paycom("connected", "Connected"), providerName: "ADP Run" },
        created: true,
        replayed: false,
      }).title,
    ).toBe("Connected to ADP Run");
    const pending = connectOutcomeMessage({
      connection: paycom("pending", "Pending"),
      created: true,
      replayed: false,
    });
    expect(pending.title).toBe("Paycom connection received — Finch is setting it up (pending)");
    expect(pending.title).not.toMatch(/^Connected/);
    expect(pending.tone).toBe("info");
  });

  it("names re-authentication and errors for what they are", () => {
    expect(
      connectOutcomeMessage({
        connection: paycom("connected", "Connected"),
        created: false,
        replayed: false,
      }).title,
    ).toBe("Re-authenticated Paycom");
    const error = connectOutcomeMessage({
      connection: paycom("error_permissions", "Missing permissions"),
      created: true,
      replayed: false,
    });
    expect(error.tone).toBe("warning");
    expect(error.title).toBe("Paycom connection received — missing permissions");
    expect(connectOutcomeMessage({ connection: null, created: true, replayed: true }).title).toBe(
      "Already saved",
    );
  });
});
