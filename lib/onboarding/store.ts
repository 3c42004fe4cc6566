import "server-only";
import type { Database } from "@/db";
import { saveEntityReports } from "@/db/queries/entities";
import { storeExchangedConnection, type StoreConnectionInput } from "@/db/queries/onboarding";
import type { Connection } from "@/db/schema";
import { env } from "@/lib/env";
import { introspectConnection } from "@/lib/finch/introspect";
import { providerName } from "@/lib/onboarding/providers";
import { encryptToken } from "@/lib/token-encryption";

export type StoreTokenInput = Omit<StoreConnectionInput, "connection" | "timeZone"> & {
  employerId: string;
  accessToken: string;
};

/**
 * Turns a fresh access token into a stored connection: introspect (what Finch says now),
 * encrypt the token, upsert by Finch connection id and apply the status. The exchange and the
 * test helpers both come through here, so a connection is always stored the same way.
 */
export async function storeConnectionFromToken(
  { employerId, accessToken, ...rest }: StoreTokenInput,
  database?: Database,
): Promise<{ connection: Connection; created: boolean }> {
  const snapshot = await introspectConnection(accessToken);
  const { ciphertext, keyId } = encryptToken(accessToken);
  const stored = await storeExchangedConnection(
    {
      ...rest,
      timeZone: env().timeZone,
      connection: {
        employerId,
        finchConnectionId: snapshot.finchConnectionId,
        providerId: snapshot.providerId,
        providerName: await providerName(snapshot.providerId),
        authMethod: snapshot.authMethod,
        assisted: snapshot.assisted,
        products: snapshot.products,
        status: snapshot.status,
        statusMessage: snapshot.statusMessage,
        lastSuccessfulSync: snapshot.lastSuccessfulSync,
        finchCompanyId: snapshot.finchCompanyId,
        entityIds: snapshot.entityIds,
        clientType: snapshot.clientType,
        connectionType: snapshot.connectionType,
        accessTokenCiphertext: ciphertext,
        accessTokenKeyId: keyId,
      },
    },
    database,
  );
  await saveEntityReports({
    connectionId: stored.connection.id,
    employerId,
    entities: snapshot.entities,
    at: stored.connection.updatedAt,
  });
  return stored;
}
