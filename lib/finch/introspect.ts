import "server-only";
import { finchForConnection } from "@/lib/finch/client";

/** One legal entity of the connection, with its own status (Finch's `entities[]`). */
export interface EntitySnapshot {
  finchEntityId: string;
  name: string | null;
  sourceId: string | null;
  status: string;
}

/** What Perch keeps of Finch's /introspect answer. */
export interface ConnectionSnapshot {
  finchConnectionId: string;
  providerId: string;
  authMethod: string | null;
  assisted: boolean;
  products: string[];
  status: string;
  statusMessage: string | null;
  lastSuccessfulSync: Date | null;
  customerId: string | null;
  finchCompanyId: string | null;
  entityIds: string[];
  entities: EntitySnapshot[];
  clientType: string | null;
  connectionType: string | null;
}

type Introspection = Awaited<
  ReturnType<Awaited<ReturnType<typeof finchForConnection>>["account"]["introspect"]>
>;

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The assisted method's own status wins: Finch reports the third-party-admin setup there, while
 * the top-level status summarises every method.
 */
export function reshapeIntrospection(raw: Introspection): ConnectionSnapshot {
  const methods = raw.authentication_methods ?? [];
  const assistedMethod = methods.find((m) => m.type === "assisted");
  const primary = assistedMethod ?? methods[0];
  const status = primary?.connection_status ?? raw.connection_status;
  return {
    finchConnectionId: raw.connection_id,
    providerId: raw.provider_id,
    authMethod: primary?.type ?? null,
    assisted: Boolean(assistedMethod) || raw.manual === true,
    products: [...(raw.products ?? [])],
    status: status?.status ?? raw.connection_status?.status ?? "pending",
    statusMessage: status?.message ?? raw.connection_status?.message ?? null,
    lastSuccessfulSync: toDate(
      status?.last_successful_sync ?? raw.connection_status?.last_successful_sync,
    ),
    customerId: raw.customer_id ?? null,
    finchCompanyId: raw.company_id ?? null,
    entityIds: (raw.entities ?? []).map((e) => e.id),
    entities: (raw.entities ?? []).map((e) => ({
      finchEntityId: e.id,
      name: e.name ?? null,
      sourceId: e.source_id ?? null,
      status: e.status,
    })),
    clientType: raw.client_type ?? null,
    connectionType: raw.connection_type ?? null,
  };
}

export async function introspectConnection(accessToken: string): Promise<ConnectionSnapshot> {
  const finch = await finchForConnection(accessToken);
  return reshapeIntrospection(await finch.account.introspect());
}
