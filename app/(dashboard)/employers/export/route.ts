import { iterateEmployers } from "@/db/queries/employer-list";
import { appNow } from "@/lib/clock";
import { errorResponse } from "@/lib/errors";
import { csvRow } from "@/lib/csv";
import { kindsDueFromInstants } from "@/lib/status/attention";
import { employerQuery, parseEmployerSearch } from "@/lib/monitoring/employer-filters";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";

// The id first: it is what the data API takes (/api/employers/<id>/…).
const COLUMNS = [
  "id",
  "name",
  "customer_id",
  "contact_email",
  "status",
  "provider",
  "type",
  "status_changed_at",
  "needs_attention",
  "attention",
  "expected_ready_at",
  "last_retrieved_at",
  "created_at",
];

/** The employer list as CSV, for the filters in the URL, streamed in pages. */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireUser("viewer");
    const url = new URL(request.url);
    const search = parseEmployerSearch(Object.fromEntries(url.searchParams));
    const now = await appNow();
    const {
      after: _after,
      before: _before,
      pageSize: _size,
      ...filter
    } = employerQuery(search, now);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          controller.enqueue(encoder.encode(csvRow(COLUMNS)));
          for await (const rows of iterateEmployers(filter)) {
            const lines = rows.map((e) => {
              const kinds = kindsDueFromInstants(e, now);
              return csvRow([
                e.id,
                e.name,
                e.customerId,
                e.contactEmail,
                e.connectionStatus ?? "not_connected",
                e.providerId,
                e.assisted === null ? "" : e.assisted ? "assisted" : "automated",
                e.statusChangedAt?.toISOString(),
                kinds.length ? "yes" : "no",
                kinds.join(" "),
                e.expectedReadyAt,
                e.lastRetrievedAt,
                e.createdAt,
              ]);
            });
            controller.enqueue(encoder.encode(lines.join("")));
          }
          controller.close();
        } catch (error) {
          console.error("[perch] employer export failed:", error);
          controller.error(error);
        }
      },
    });
    // The app clock, so a demo export is named for the demo's day.
    const day = now.toISOString().slice(0, 10);
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="perch-employers-${day}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, "employer export");
  }
}
