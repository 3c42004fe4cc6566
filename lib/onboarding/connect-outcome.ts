/** What Connect's result toast says, from the connection as saved (its real status). */
export interface ConnectedSummary {
  providerName: string;
  status: string;
  statusLabel: string;
  assisted: boolean;
}

export interface ConnectOutcomeMessage {
  tone: "success" | "info" | "warning";
  title: string;
  body: string | null;
}

/**
 * "Connected to Paycom" only when Finch says connected. An assisted connection waiting for its
 * administrator is received, not connected: "Paycom connection received — Finch is setting it up
 * (pending)". Anything needing someone's action says so.
 */
export function connectOutcomeMessage({
  connection,
  created,
  replayed,
}: {
  connection: ConnectedSummary | null;
  created: boolean;
  replayed: boolean;
}): ConnectOutcomeMessage {
  if (replayed) return { tone: "info", title: "Already saved", body: null };
  if (!connection) {
    return {
      tone: "success",
      title: created ? "Connection saved" : "Re-authenticated the connection",
      body: null,
    };
  }
  const { providerName, status, statusLabel } = connection;
  if (status === "connected") {
    return {
      tone: "success",
      title: created ? `Connected to ${providerName}` : `Re-authenticated ${providerName}`,
      body: `Status: ${statusLabel}.`,
    };
  }
  const received = created
    ? `${providerName} connection received`
    : `${providerName} re-authentication received`;
  if (status === "pending") {
    return {
      tone: "info",
      title: `${received} — Finch is setting it up (pending)`,
      body: connection.assisted
        ? "The employer must add Finch as a third-party administrator; Finch then needs 1–2 weeks to configure the data."
        : "Finch is finishing the connection; its status updates here.",
    };
  }
  if (status === "processing") {
    return {
      tone: "info",
      title: `${received} — Finch is configuring it (processing)`,
      body: "Permissions are verified; the data arrives when Finch's configuration period ends.",
    };
  }
  return {
    tone: "warning",
    title: `${received} — ${statusLabel.toLowerCase()}`,
    body: "See the connection status below for what needs doing.",
  };
}
