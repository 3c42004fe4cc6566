import { describe, expect, it } from "vitest";
import { FINCH_STATUSES, describeStatus, normalizeStatus } from "@/lib/status/catalogue";

describe("describeStatus", () => {
  it("labels every Finch status", () => {
    expect(FINCH_STATUSES.map((status) => describeStatus(status).label)).toEqual([
      "Pending",
      "Processing",
      "Connected",
      "No account set up",
      "Improper permissions",
      "Needs re-authentication",
      "Disconnected",
    ]);
    for (const status of FINCH_STATUSES) {
      const info = describeStatus(status);
      expect(info).toMatchObject({ status, known: true });
      expect(info.description).not.toBe("");
      expect(info.opsAction).not.toBe("");
      expect(info.employerAction).not.toBe("");
    }
  });

  it("uses Finch's descriptions", () => {
    expect(describeStatus("pending").description).toBe(
      "The employer has created a token, and we are waiting for access to its provider.",
    );
    expect(describeStatus("disconnected").description).toBe(
      "All accounts for this employer have been disconnected.",
    );
  });

  it("tells ops what to do next", () => {
    expect(describeStatus("pending").opsAction).toBe(
      "Wait — Finch normally confirms access within 1 business day. If it has been longer, remind the employer to finish adding Finch as a third-party administrator.",
    );
    expect(describeStatus("reauth").opsAction).toMatch(/re-authentication link/);
  });

  it("marks the statuses only the employer can resolve", () => {
    const mustAct = FINCH_STATUSES.filter((status) => describeStatus(status).employerMustAct);
    expect(mustAct).toEqual(["error_no_account_setup", "error_permissions", "reauth"]);
  });

  it("gives each status a tone", () => {
    expect(describeStatus("connected").tone).toBe("success");
    expect(describeStatus("pending").tone).toBe("info");
    expect(describeStatus("error_permissions").tone).toBe("warning");
    expect(describeStatus("reauth").tone).toBe("danger");
    expect(describeStatus("disconnected").tone).toBe("neutral");
  });

  it("names the employer's provider when given, and a generic one otherwise", () => {
    expect(
      describeStatus("error_no_account_setup", { providerName: "Paychex Flex" }).employerAction,
    ).toBe(
      "Add Finch as a third-party administrator in Paychex Flex, following the instructions shown in Finch Connect. Finch has not received an invitation yet.",
    );
    expect(describeStatus("error_permissions").employerAction).toMatch(
      /third-party administrator in your HR or payroll provider/,
    );
    expect(describeStatus("pending", { providerName: "  " }).employerAction).toMatch(
      /your HR or payroll provider/,
    );
  });

  it("tells the employer where things stand in their own terms", () => {
    expect(describeStatus("pending", { providerName: "Paycom" }).employerSummary).toBe(
      "You have connected Paycom. Finch is waiting for the invitation that makes it a third-party administrator there.",
    );
    for (const status of FINCH_STATUSES) {
      const { employerSummary } = describeStatus(status, { providerName: "Gusto" });
      expect(employerSummary).toContain("Gusto");
      expect(employerSummary).not.toMatch(/the employer/i);
    }
  });

  it("shows unknown statuses as-is without throwing", () => {
    expect(describeStatus("Paused_By_Finch")).toEqual({
      status: "paused_by_finch",
      known: false,
      label: "Paused_By_Finch",
      description: "Finch reported a status Perch does not recognise.",
      opsAction:
        "Check the connection in the Finch Dashboard and contact Finch support if the status persists.",
      employerAction: "Nothing yet — we will contact you if anything is needed.",
      employerSummary: "Finch has reported a status we do not recognise yet.",
      tone: "neutral",
      employerMustAct: false,
    });
  });

  it("copes with missing values", () => {
    for (const value of [null, undefined, "", "   "]) {
      expect(describeStatus(value)).toMatchObject({
        status: "unknown",
        known: false,
        label: "Unknown",
        tone: "neutral",
      });
    }
  });

  it("accepts legacy spellings and reports the current one", () => {
    expect(describeStatus("error_reauth")).toMatchObject({
      status: "reauth",
      known: true,
      label: "Needs re-authentication",
    });
    expect(describeStatus("error_no_acount_setup")).toMatchObject({
      status: "error_no_account_setup",
      known: true,
      label: "No account set up",
    });
  });
});

describe("normalizeStatus", () => {
  it("maps legacy spellings, trims and lower-cases", () => {
    expect(normalizeStatus("error_reauth")).toBe("reauth");
    expect(normalizeStatus("error_no_acount_setup")).toBe("error_no_account_setup");
    expect(normalizeStatus(" Connected ")).toBe("connected");
    expect(normalizeStatus("something_new")).toBe("something_new");
  });
});
