import { z } from "zod";
import { EMPLOYER_SORTS } from "@/db/queries/employer-list";
import type { Employer } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * The data API's employers: how a caller names one (`/api/employers/<id>` or
 * `/api/employers/customer_id:<your id>`), what it sees of each, and the list's parameters.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const CUSTOMER_ID_PREFIX = "customer_id:";

export type EmployerRef = { id: string } | { customerId: string };

/** A path segment as an employer reference: a Perch id, or `customer_id:` and the caller's own id. */
export function parseEmployerRef(segment: string): EmployerRef | null {
  let text = segment;
  // Next hands dynamic segments over decoded or not depending on the path; decode once if encoded.
  if (/%[0-9a-f]{2}/i.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return null;
    }
  }
  if (text.startsWith(CUSTOMER_ID_PREFIX)) {
    const customerId = text.slice(CUSTOMER_ID_PREFIX.length);
    return customerId && customerId.length <= 200 ? { customerId } : null;
  }
  return UUID.test(text) ? { id: text.toLowerCase() } : null;
}

export interface EmployerJson {
  id: string;
  name: string;
  customer_id: string;
  status: string | null;
  provider_id: string | null;
  connection_type: "assisted" | "automated" | null;
  status_changed_at: string | null;
  expected_ready_at: string | null;
  last_retrieved_at: string | null;
  archived: boolean;
  created_at: string;
  /** Where this employer's data is read, e.g. `${data}/company`. */
  data_url: string;
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

export function employerJson(employer: Employer): EmployerJson {
  return {
    id: employer.id,
    name: employer.name,
    customer_id: employer.customerId,
    status: employer.connectionStatus,
    provider_id: employer.providerId,
    connection_type:
      employer.assisted === null ? null : employer.assisted ? "assisted" : "automated",
    status_changed_at: iso(employer.statusChangedAt),
    expected_ready_at: iso(employer.expectedReadyAt),
    last_retrieved_at: iso(employer.lastRetrievedAt),
    archived: employer.archivedAt !== null,
    created_at: employer.createdAt.toISOString(),
    data_url: `/api/employers/${employer.id}/data`,
  };
}

export const EMPLOYER_API_MAX_LIMIT = 500;

const employerListParams = z
  .object({
    limit: z.coerce.number().int().min(1).max(EMPLOYER_API_MAX_LIMIT).default(100),
    cursor: z.string().max(400).optional(),
    sort: z.enum(EMPLOYER_SORTS).default("name"),
    status: z.string().max(40).optional(),
    provider: z.string().max(80).optional(),
    customer_id: z.string().min(1).max(200).optional(),
  })
  .strict();

export type EmployerListParams = z.infer<typeof employerListParams>;

/** `GET /api/employers` parameters; an unknown or out-of-range one is a 400 that says which. */
export function parseEmployerListParams(params: URLSearchParams): EmployerListParams {
  const parsed = employerListParams.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join(".") || "query";
    throw new AppError(
      "invalid_input",
      issue.code === "unrecognized_keys"
        ? `Unknown parameter: ${issue.keys.join(", ")}. Use limit, cursor, sort, status, provider or customer_id.`
        : `${field}: ${issue.message}`,
    );
  }
  return parsed.data;
}
