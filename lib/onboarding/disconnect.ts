import "server-only";
import { markDisconnected } from "@/db/queries/onboarding";
import type { Connection } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { accessTokenFor } from "@/lib/connections/access-token";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { disconnectAccount } from "@/lib/finch/connect";
import { describeFinchError, finchAppError } from "@/lib/finch/errors";
import { refreshEmployerAttention } from "@/lib/monitoring/attention";

/**
 * Revokes the connection at Finch, then forgets the token. If Finch says the token is already
 * dead, the connection is gone there too, so Perch records it as disconnected all the same.
 */
export async function disconnectConnection({
  connection,
  actor,
}: {
  connection: Connection;
  actor: { userId: string; label: string };
}): Promise<Connection | undefined> {
  if (connection.status === "disconnected" || !connection.accessTokenCiphertext) {
    throw new AppError("conflict", "This connection is already disconnected.");
  }
  try {
    await disconnectAccount(accessTokenFor(connection));
  } catch (error) {
    const failure = describeFinchError(error);
    if (!(failure?.status === 401 && failure.name === "invalid_token_error")) {
      throw finchAppError(error, "disconnect the connection at Finch");
    }
  }
  const disconnected = await markDisconnected({
    connectionId: connection.id,
    at: await appNow(),
    actor,
    timeZone: env().timeZone,
  });
  // A disconnected connection raises nothing: its alerts end now.
  await refreshEmployerAttention({ employerId: connection.employerId });
  return disconnected;
}
