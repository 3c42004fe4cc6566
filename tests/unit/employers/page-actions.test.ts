import { describe, expect, it } from "vitest";
import { employerPageActions } from "@/lib/employers/page-actions";

const live = (status: string, assisted = false) => ({ status, assisted, live: true });

describe("the employer page's actions follow the connection's state", () => {
  it("makes Connect with Finch primary only without a live connection", () => {
    expect(employerPageActions(null)).toEqual({ primary: "connect", offered: ["connect"] });
    expect(employerPageActions({ status: "disconnected", assisted: false, live: false })).toEqual({
      primary: "connect",
      offered: ["connect"],
    });
    expect(employerPageActions({ status: "connected", assisted: false, live: false }).primary).toBe(
      "connect",
    );
    for (const status of ["connected", "pending", "processing", "error_permissions"]) {
      expect(employerPageActions(live(status)).primary).not.toBe("connect");
    }
  });

  it("puts Re-authenticate first when Finch asks for it", () => {
    expect(employerPageActions(live("reauth", true))).toEqual({
      primary: "reauthenticate",
      offered: ["reauthenticate", "refresh", "connect"],
    });
  });

  it("never offers Re-authenticate while Finch is still setting the connection up", () => {
    for (const status of ["pending", "processing", "error_no_account_setup"]) {
      for (const assisted of [true, false]) {
        const actions = employerPageActions(live(status, assisted));
        expect(actions.offered, `${status} assisted=${assisted}`).not.toContain("reauthenticate");
        expect(actions.primary).toBe("refresh");
      }
    }
    // An assisted connection is signed in through its administrator, not Connect credentials.
    expect(employerPageActions(live("connected", true)).offered).toEqual(["refresh", "connect"]);
  });

  it("lets a working automated connection be signed in again, after Refresh status", () => {
    expect(employerPageActions(live("connected"))).toEqual({
      primary: "refresh",
      offered: ["refresh", "reauthenticate", "connect"],
    });
  });
});
