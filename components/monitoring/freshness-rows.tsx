import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/monitoring/relative-time";
import type { ConnectionProduct } from "@/db/schema";
import { freshness } from "@/lib/status/freshness";
import { productLabel } from "@/lib/status/products";

export interface FreshnessRowsProps {
  products: readonly string[];
  records: ConnectionProduct[];
  assisted: boolean;
  now: Date;
  timeZone: string;
}

const STATE = {
  fresh: { label: "Fresh", tone: "success" },
  stale: { label: "Stale", tone: "danger" },
  pending: { label: "Pending (202)", tone: "info" },
  no_data: { label: "No data yet", tone: "neutral" },
  not_requested: { label: "Not requested yet", tone: "neutral" },
} as const;

/** Per product: when Finch last retrieved the data, whether that is stale, and the last attempt. */
export function FreshnessRows({ products, records, assisted, now, timeZone }: FreshnessRowsProps) {
  const byProduct = new Map(records.map((r) => [r.product, r]));
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2 pr-4 font-medium">Product</th>
            <th className="py-2 pr-4 font-medium">Data retrieved by Finch</th>
            <th className="py-2 pr-4 font-medium">Freshness</th>
            <th className="py-2 pr-4 font-medium">Last update attempt</th>
            <th className="py-2 font-medium">Last call</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {products.map((product) => {
            const record = byProduct.get(product);
            const report = freshness({
              assisted,
              retrievedAt: record?.dataRetrievedAt ?? null,
              lastAttemptAt: record?.lastAttemptedAt ?? null,
              lastAttemptResult: record?.lastAttemptResult ?? null,
              lastHttpStatus: record?.lastHttpStatus ?? null,
              // No record at all: Perch has never called Finch for this product.
              requested: Boolean(record),
              now,
            });
            const state = STATE[report.state];
            return (
              <tr key={product} data-testid={`freshness-${product}`}>
                <td className="py-2.5 pr-4 font-medium text-slate-900">{productLabel(product)}</td>
                <td className="py-2.5 pr-4 text-slate-700">
                  {record?.dataRetrievedAt ? (
                    <RelativeTime at={record.dataRetrievedAt} now={now} timeZone={timeZone} />
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </td>
                <td className="py-2.5 pr-4">
                  <Badge tone={state.tone} title={report.summary}>
                    {state.label}
                  </Badge>
                </td>
                <td className="py-2.5 pr-4 text-slate-700">
                  {record?.lastAttemptedAt ? (
                    <span className="inline-flex items-center gap-2">
                      <RelativeTime at={record.lastAttemptedAt} now={now} timeZone={timeZone} />
                      {report.lastAttemptFailed ? (
                        <Badge tone="warning">{record.lastAttemptResult}</Badge>
                      ) : record.lastAttemptResult ? (
                        <span className="text-xs text-slate-500">{record.lastAttemptResult}</span>
                      ) : null}
                    </span>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </td>
                <td className="py-2.5 text-slate-500">
                  {record?.lastCalledAt ? (
                    <span className="inline-flex items-center gap-2">
                      <span className="font-mono text-xs">{record.lastHttpStatus}</span>
                      <RelativeTime at={record.lastCalledAt} now={now} timeZone={timeZone} />
                    </span>
                  ) : (
                    <span className="text-slate-500">never</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
