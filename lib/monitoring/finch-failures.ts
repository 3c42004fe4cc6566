import "server-only";
import { applyConnectionStatus } from "@/db/queries/connections";
import { env } from "@/lib/env";
import { describeFinchError, statusFromFinchFailure, type FinchFailure } from "@/lib/finch/errors";
import type { EventSource } from "@/db/schema";

/**
 * Wherever a Finch call fails, a 401 `reauthenticate_user`, a setup or permissions error, or a
 * dead token says something about the connection itself: record it as a status observation.
 * Returns the failure (null if the error was not Finch's) and the status it implied.
 */
export async function noteFinchFailure({
  connectionId,
  error,
  source,
  at,
}: {
  connectionId: string;
  error: unknown;
  source: EventSource;
  at: Date;
}): Promise<{ failure: FinchFailure | null; impliedStatus: string | null }> {
  const failure = describeFinchError(error);
  const impliedStatus = failure ? statusFromFinchFailure(failure) : null;
  if (failure && impliedStatus) {
    await applyConnectionStatus({
      connectionId,
      status: impliedStatus,
      message: failure.message,
      at,
      source,
      timeZone: env().timeZone,
    });
  }
  return { failure, impliedStatus };
}
