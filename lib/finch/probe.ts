import "server-only";
import { finchForConnection } from "@/lib/finch/client";
import { parseFinchTimestamp } from "@/lib/status/freshness";
import { PRODUCT_GROUPS, type ProductGroup } from "@/lib/status/products";

/** What one cheap data call told us about a product group: 202 while configuring, 200 once ready. */
export interface GroupProbe {
  group: ProductGroup;
  product: string;
  httpStatus: number;
  requestId: string | null;
  dataRetrievedAt: Date | null;
  lastAttemptedAt: Date | null;
  lastAttemptResult: string | null;
}

/** Products whose endpoint can be called without ids from an earlier call, cheapest first. */
const PROBE_ORDER = ["company", "directory", "payment", "benefits", "deduction"] as const;

/** The product Perch probes for a group, or null when the connection has none it can call alone. */
export function probeProductFor(group: ProductGroup, products: readonly string[]): string | null {
  const inGroup = PRODUCT_GROUPS[group].products;
  return PROBE_ORDER.find((p) => inGroup.includes(p) && products.includes(p)) ?? null;
}

function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Calls the group's cheapest endpoint and reads the HTTP status and freshness headers. Pending is
 * detected by status (202), never from the body. Finch errors are thrown as the SDK's errors.
 */
export async function probeGroup({
  accessToken,
  group,
  product,
  now,
}: {
  accessToken: string;
  group: ProductGroup;
  product: string;
  now: Date;
}): Promise<GroupProbe> {
  const finch = await finchForConnection(accessToken);
  let response: Response;
  switch (product) {
    case "company":
      ({ response } = await finch.hris.company.retrieve().withResponse());
      break;
    case "directory":
      ({ response } = await finch.hris.directory.list({ limit: 1 }).withResponse());
      break;
    case "payment": {
      const start = new Date(now.getTime() - 31 * 24 * 3_600_000);
      ({ response } = await finch.hris.payments
        .list({ start_date: isoDay(start), end_date: isoDay(now) })
        .withResponse());
      break;
    }
    default:
      ({ response } = await finch.hris.benefits.list().withResponse());
  }
  await response.body?.cancel().catch(() => undefined);
  const header = (name: string) => response.headers.get(name);
  return {
    group,
    product,
    httpStatus: response.status,
    requestId: header("finch-request-id"),
    dataRetrievedAt: parseFinchTimestamp(header("finch-data-retrieved")),
    lastAttemptedAt: parseFinchTimestamp(header("finch-last-attempted-update-date")),
    lastAttemptResult: header("finch-last-attempted-update-result"),
  };
}
