/**
 * Which actions the employer page offers for the connection's state, and which one is primary:
 * what an operator most likely came to do.
 */
export type EmployerPageAction = "connect" | "reauthenticate" | "refresh";

export interface ConnectionSummary {
  status: string;
  assisted: boolean;
  /** False once disconnected (or the token is gone): nothing to refresh or re-authenticate. */
  live: boolean;
}

export interface EmployerPageActions {
  primary: EmployerPageAction;
  /** Every action offered, primary first. */
  offered: EmployerPageAction[];
}

/** Statuses in which Finch is still setting the connection up: signing in again changes nothing. */
const SETTING_UP = new Set(["pending", "processing", "error_no_account_setup"]);

/**
 * - No connection, or a disconnected one: Connect with Finch.
 * - Finch says the connection needs re-authentication: Re-authenticate first.
 * - Otherwise the connection is live: Refresh status first, Connect (a new connection) after.
 *   An automated connection that works may also be signed in again (new credentials), never
 *   one Finch is still setting up (pending, processing, no account set up).
 */
export function employerPageActions(connection: ConnectionSummary | null): EmployerPageActions {
  if (!connection || !connection.live || connection.status === "disconnected") {
    return { primary: "connect", offered: ["connect"] };
  }
  if (connection.status === "reauth") {
    return { primary: "reauthenticate", offered: ["reauthenticate", "refresh", "connect"] };
  }
  const reauth = !connection.assisted && !SETTING_UP.has(connection.status);
  return {
    primary: "refresh",
    offered: reauth ? ["refresh", "reauthenticate", "connect"] : ["refresh", "connect"],
  };
}
