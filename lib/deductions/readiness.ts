/**
 * Whether a connection can take a deduction write now, decided before Finch is called: Finch
 * writes only "once the connection is established", so a connection still configuring, one the
 * employer must fix, one needing re-authentication or one disconnected is refused with the
 * reason and what to do.
 */

export interface WriteReadinessInput {
  status: string;
  assisted: boolean;
  products: string[];
  hasToken: boolean;
  /** When Perch first saw the deductions group ready (assisted configuration period over). */
  deductionsReadyAt: Date | null;
}

export type WriteRefusalReason =
  "no_benefits_product" | "configuring" | "employer_action_needed" | "reauth" | "disconnected";

export interface WriteRefusal {
  reason: WriteRefusalReason;
  message: string;
}

export function writeRefusal(input: WriteReadinessInput): WriteRefusal | null {
  const { status } = input;
  if (status === "disconnected" || !input.hasToken) {
    return {
      reason: "disconnected",
      message: "This employer is disconnected; connect them again before writing deductions.",
    };
  }
  if (status === "reauth") {
    return {
      reason: "reauth",
      message:
        "The connection needs re-authentication; send the employer a re-authentication link first.",
    };
  }
  if (status === "error_no_account_setup" || status === "error_permissions") {
    return {
      reason: "employer_action_needed",
      message:
        "The employer has not finished giving Finch access (no account set up or improper permissions); writes wait until they do.",
    };
  }
  if (!input.products.includes("benefits") && !input.products.includes("deduction")) {
    return {
      reason: "no_benefits_product",
      message:
        "This connection was not granted Deductions; reconnect with that product to write them.",
    };
  }
  // An assisted connection's deductions are ready after about a week, while Finch may still be
  // configuring organization and payroll data (status processing): writes open with deductions.
  const deductionsReady = input.assisted ? input.deductionsReadyAt !== null : true;
  if (status === "pending" || !deductionsReady) {
    return {
      reason: "configuring",
      message: input.assisted
        ? "Finch is still configuring this employer's deductions (assisted connections take about a week); writes open once the deductions data is ready."
        : "The connection is still being set up by Finch; deductions can be written once it is connected.",
    };
  }
  if (status !== "connected" && !(status === "processing" && input.assisted)) {
    return {
      reason: "configuring",
      message: `The connection's status is “${status}”; deductions can be written once it is connected.`,
    };
  }
  return null;
}
