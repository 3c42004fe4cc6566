/**
 * What each connection status means, and what ops and the employer should do about it.
 * Wording for pending/processing/error statuses follows Finch's own status table for
 * assisted connections; "disconnected" is recorded by Perch itself.
 */

export const FINCH_STATUSES = [
  "pending",
  "processing",
  "connected",
  "error_no_account_setup",
  "error_permissions",
  "reauth",
  "disconnected",
] as const;

export type ConnectionStatus = (typeof FINCH_STATUSES)[number];

export type StatusTone = "neutral" | "info" | "success" | "warning" | "danger";

export interface StatusInfo {
  status: string;
  known: boolean;
  label: string;
  description: string;
  opsAction: string;
  employerAction: string;
  /** Where things stand, said to the employer (the invite page), not to ops. */
  employerSummary: string;
  tone: StatusTone;
  employerMustAct: boolean;
}

export interface DescribeStatusOptions {
  /** The employer's HR or payroll provider, e.g. "Paychex Flex", to personalise the wording. */
  providerName?: string | null;
}

/** Spellings from older Finch webhook and sandbox docs that still turn up in payloads. */
const LEGACY_SPELLINGS: Record<string, ConnectionStatus> = {
  error_reauth: "reauth",
  error_no_acount_setup: "error_no_account_setup",
};

interface StatusEntry {
  label: string;
  description: string;
  tone: StatusTone;
  employerMustAct: boolean;
  opsAction: string;
  employerAction: (provider: string) => string;
  employerSummary: (provider: string) => string;
}

const CATALOGUE: Record<ConnectionStatus, StatusEntry> = {
  pending: {
    label: "Pending",
    description: "The employer has created a token, and we are waiting for access to its provider.",
    tone: "info",
    employerMustAct: false,
    opsAction:
      "Wait — Finch normally confirms access within 1 business day. If it has been longer, remind the employer to finish adding Finch as a third-party administrator.",
    employerAction: (provider) =>
      `Make sure Finch has been added as a third-party administrator in ${provider}, following the instructions shown in Finch Connect.`,
    employerSummary: (provider) =>
      `You have connected ${provider}. Finch is waiting for the invitation that makes it a third-party administrator there.`,
  },
  processing: {
    label: "Processing",
    description:
      "We have received an invitation from the employer's provider with the correct permissions and are in the process of pulling their data for the first time.",
    tone: "info",
    employerMustAct: false,
    opsAction:
      "Nothing to do — Finch is configuring the connection. Watch each product group's countdown and contact Finch support if one runs past its configuration period.",
    employerAction: () =>
      "Nothing — Finch has the access it needs and is setting up the connection.",
    employerSummary: (provider) =>
      `Finch has the access it needs in ${provider} and is setting up the connection, which takes one to two weeks.`,
  },
  connected: {
    label: "Connected",
    description: "The connection is set up and Finch is able to access the required data.",
    tone: "success",
    employerMustAct: false,
    opsAction: "Nothing to do. Keep an eye on data freshness.",
    employerAction: () => "Nothing — the connection is working.",
    employerSummary: (provider) => `Your ${provider} connection is working.`,
  },
  error_no_account_setup: {
    label: "No account set up",
    description:
      "The employer has created a token, but we have not received an invitation to its system. Please instruct the employer to follow the instructions in Finch Connect to add Finch as a third-party admin.",
    tone: "warning",
    employerMustAct: true,
    opsAction:
      "Contact the employer: Finch has not received an invitation. Ask them to add Finch as a third-party administrator, following the instructions in Finch Connect.",
    employerAction: (provider) =>
      `Add Finch as a third-party administrator in ${provider}, following the instructions shown in Finch Connect. Finch has not received an invitation yet.`,
    employerSummary: (provider) => `Finch has not yet received an invitation to ${provider}.`,
  },
  error_permissions: {
    label: "Improper permissions",
    description:
      "The employer has added Finch successfully, but with improper permissions. Please instruct the employer to re-add Finch following the instructions in Finch Connect.",
    tone: "warning",
    employerMustAct: true,
    opsAction:
      "Contact the employer: Finch was added with the wrong permissions. Ask them to remove Finch and add it again as a third-party administrator, following the instructions in Finch Connect.",
    employerAction: (provider) =>
      `Remove Finch as a third-party administrator in ${provider} and add it again with the permissions listed in Finch Connect.`,
    employerSummary: (provider) =>
      `Finch was added to ${provider}, but without all the permissions it needs.`,
  },
  reauth: {
    label: "Needs re-authentication",
    description:
      "Finch can no longer access the provider with the credentials it was given; the employer must sign in again.",
    tone: "danger",
    employerMustAct: true,
    opsAction:
      "Send the employer a re-authentication link (employer page → Follow-up → E-mail a re-authentication link). The connection keeps its id; data stays unavailable until they sign in again.",
    employerAction: (provider) =>
      `Open the re-authentication link and sign in to ${provider} again through Finch Connect.`,
    employerSummary: (provider) =>
      `Finch can no longer sign in to ${provider} with the details it was given.`,
  },
  disconnected: {
    label: "Disconnected",
    description: "All accounts for this employer have been disconnected.",
    tone: "neutral",
    employerMustAct: false,
    opsAction:
      "Nothing to do unless the employer should be connected — if so, send them a new invite link.",
    employerAction: () =>
      "Nothing, unless you want to share data again — then connect through a new invite link.",
    employerSummary: (provider) =>
      `Your ${provider} connection has been disconnected; no data is shared any more.`,
  },
};

function isKnownStatus(status: string): status is ConnectionStatus {
  return Object.hasOwn(CATALOGUE, status);
}

/** Trims, lower-cases and maps legacy spellings to the current API enum. */
export function normalizeStatus(raw: string): string {
  const status = raw.trim().toLowerCase();
  return LEGACY_SPELLINGS[status] ?? status;
}

/** Describes any status string; unknown values are shown as-is and never throw. */
export function describeStatus(
  status: string | null | undefined,
  options: DescribeStatusOptions = {},
): StatusInfo {
  const provider = options.providerName?.trim() || "your HR or payroll provider";
  const raw = status ?? "";
  const normalized = normalizeStatus(raw);

  if (isKnownStatus(normalized)) {
    const entry = CATALOGUE[normalized];
    return {
      status: normalized,
      known: true,
      label: entry.label,
      description: entry.description,
      opsAction: entry.opsAction,
      employerAction: entry.employerAction(provider),
      employerSummary: entry.employerSummary(provider),
      tone: entry.tone,
      employerMustAct: entry.employerMustAct,
    };
  }

  return {
    status: normalized || "unknown",
    known: false,
    label: raw.trim() ? raw : "Unknown",
    description: "Finch reported a status Perch does not recognise.",
    opsAction:
      "Check the connection in the Finch Dashboard and contact Finch support if the status persists.",
    employerAction: "Nothing yet — we will contact you if anything is needed.",
    employerSummary: "Finch has reported a status we do not recognise yet.",
    tone: "neutral",
    employerMustAct: false,
  };
}
