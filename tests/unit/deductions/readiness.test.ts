import { describe, expect, it } from "vitest";
import { writeRefusal, type WriteReadinessInput } from "@/lib/deductions/readiness";

const ready: WriteReadinessInput = {
  status: "connected",
  assisted: false,
  products: ["company", "benefits"],
  hasToken: true,
  deductionsReadyAt: null,
};

describe("writeRefusal: unready connections are refused before Finch is called", () => {
  it("lets a connected automated connection write", () => {
    expect(writeRefusal(ready)).toBeNull();
  });

  it("refuses configuring, employer-action, re-auth and disconnected connections with the reason", () => {
    expect(writeRefusal({ ...ready, status: "pending" })?.reason).toBe("configuring");
    expect(writeRefusal({ ...ready, status: "processing" })?.reason).toBe("configuring");
    expect(writeRefusal({ ...ready, status: "error_permissions" })?.reason).toBe(
      "employer_action_needed",
    );
    expect(writeRefusal({ ...ready, status: "reauth" })?.reason).toBe("reauth");
    expect(writeRefusal({ ...ready, status: "disconnected" })?.reason).toBe("disconnected");
    expect(writeRefusal({ ...ready, hasToken: false })?.reason).toBe("disconnected");
    expect(writeRefusal({ ...ready, products: ["company"] })?.reason).toBe("no_benefits_product");
  });

  it("opens assisted writes when deductions are ready, even while other groups configure", () => {
    const assisted = { ...ready, assisted: true, status: "processing" };
    expect(writeRefusal(assisted)?.reason).toBe("configuring");
    expect(writeRefusal({ ...assisted, deductionsReadyAt: new Date() })).toBeNull();
    expect(
      writeRefusal({ ...assisted, status: "pending", deductionsReadyAt: new Date() })?.reason,
    ).toBe("configuring");
  });
});
