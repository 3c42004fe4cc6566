import type { Connection } from "@/db/schema";
import { describeStatus } from "@/lib/status/catalogue";

/** The only view of a connection that leaves the server: never the token or its ciphertext. */
export function publicConnection(connection: Connection) {
  const status = describeStatus(connection.status, { providerName: connection.providerName });
  return {
    id: connection.id,
    employerId: connection.employerId,
    providerId: connection.providerId,
    providerName: connection.providerName ?? connection.providerId,
    authMethod: connection.authMethod,
    assisted: connection.assisted,
    products: connection.products,
    status: connection.status,
    statusLabel: status.label,
  };
}

export type PublicConnection = ReturnType<typeof publicConnection>;
