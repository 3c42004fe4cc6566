import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/monitoring/relative-time";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { FilterBar } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { listWebhookDeliveries, listWebhookEventTypes } from "@/db/queries/webhooks";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { requirePageUser } from "@/lib/session";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";

export const metadata: Metadata = { title: "Webhooks" };

const PAGE_SIZE = 50;

const OUTCOMES: Record<string, { label: string; tone: BadgeTone }> = {
  applied: { label: "Applied", tone: "success" },
  ignored: { label: "Stored, not applied", tone: "neutral" },
  duplicate: { label: "Duplicate", tone: "neutral" },
  unknown_connection: { label: "Unknown connection", tone: "warning" },
  failed: { label: "Failed — Finch will retry", tone: "danger" },
  applying: { label: "Applying", tone: "info" },
  rejected: { label: "Rejected", tone: "danger" },
};

const KINDS = ["verified", "rejected", "duplicate"] as const;

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function WebhooksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("viewer", "/webhooks");
  const params = await searchParams;
  const kind = KINDS.find((k) => k === one(params.kind));
  const eventType = one(params.type)?.slice(0, 80) || undefined;
  const before = Number(one(params.before)) || undefined;
  const [deliveries, types, now] = await Promise.all([
    listWebhookDeliveries({ kind, eventType, before, limit: PAGE_SIZE }),
    listWebhookEventTypes(),
    appNow(),
  ]);
  const { timeZone } = env();
  const older = deliveries.length === PAGE_SIZE ? deliveries[deliveries.length - 1].id : null;
  const olderHref = () => {
    const query = new URLSearchParams();
    if (kind) query.set("kind", kind);
    if (eventType) query.set("type", eventType);
    query.set("before", String(older));
    return `/webhooks?${query}`;
  };

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Deliveries received from Finch at /api/webhooks/finch, newest first. Each is verified, stored once and applied to its connection."
      />
      <Card>
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-5 py-4">
          <FilterBar action="/webhooks" label="Filter deliveries">
            <div className="w-48 max-w-full">
              <Select name="kind" aria-label="Verification" defaultValue={kind ?? ""}>
                <option value="">All deliveries</option>
                <option value="verified">Verified</option>
                <option value="rejected">Rejected</option>
                <option value="duplicate">Duplicates</option>
              </Select>
            </div>
            <div className="w-72 max-w-full">
              <Select name="type" aria-label="Event type" defaultValue={eventType ?? ""}>
                <option value="">Any event type</option>
                {types.map((type) => (
                  <option key={type} value={type}>
                    {type}
                  </option>
                ))}
              </Select>
            </div>
          </FilterBar>
          {kind || eventType ? (
            <ButtonLink href="/webhooks" variant="ghost">
              Clear
            </ButtonLink>
          ) : null}
        </div>
        {deliveries.length ? (
          <Table caption="Webhook deliveries">
            <TableHead>
              <TableRow>
                <TableHeader>Received</TableHeader>
                <TableHeader>Event</TableHeader>
                <TableHeader>Employer</TableHeader>
                <TableHeader>Signature</TableHeader>
                <TableHeader>Result</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {deliveries.map((delivery) => {
                const data = delivery.data as Record<string, string | null | undefined>;
                const outcome = OUTCOMES[data.outcome ?? ""] ?? {
                  label: data.outcome ?? "—",
                  tone: "neutral" as const,
                };
                const rejected = delivery.type === "webhook.rejected";
                return (
                  <TableRow key={delivery.id}>
                    <TableCell className="whitespace-nowrap text-slate-600">
                      <RelativeTime at={delivery.occurredAt} now={now} timeZone={timeZone} />
                    </TableCell>
                    <TableCell>
                      <span className="font-mono text-xs text-slate-900">
                        {data.eventType ?? data.claimedEventType ?? "unknown"}
                      </span>
                      {delivery.finchEventId ? (
                        <p className="font-mono text-[11px] text-slate-500">
                          {delivery.finchEventId}
                        </p>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      {delivery.employerId && delivery.employerName ? (
                        <Link
                          href={`/employers/${delivery.employerId}`}
                          className="text-brand-700 hover:underline"
                        >
                          {delivery.employerName}
                        </Link>
                      ) : (
                        <span className="text-slate-500">
                          {data.finchConnectionId ? "Not in Perch" : "—"}
                        </span>
                      )}
                    </TableCell>
                    <TableCell>
                      {rejected ? (
                        <Badge tone="danger">Rejected</Badge>
                      ) : (
                        <Badge tone="success">Verified</Badge>
                      )}
                    </TableCell>
                    <TableCell>
                      <Badge tone={outcome.tone}>{outcome.label}</Badge>
                      <p className="mt-0.5 text-xs text-slate-500">
                        {rejected ? data.reason : (data.detail ?? null)}
                      </p>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        ) : (
          <EmptyState
            title={kind || eventType ? "No deliveries match" : "No webhook deliveries yet"}
            description="Finch sends account, job and data-change events here once employers are connected."
          />
        )}
        {older ? (
          <div className="flex justify-end border-t border-slate-100 px-5 py-3">
            <ButtonLink href={olderHref()} variant="secondary" size="sm">
              Older →
            </ButtonLink>
          </div>
        ) : null}
      </Card>
    </>
  );
}
