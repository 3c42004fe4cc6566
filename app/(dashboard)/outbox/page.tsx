import type { Metadata } from "next";
import { ReplayButton } from "@/components/issues/replay-button";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { FilterBar } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { countOutbox, listOutbox, type OutboxFilter } from "@/db/queries/notifications";
import { NOTIFICATION_CHANNELS, type DeliveryStatus } from "@/db/schema";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/status/relative-time";
import { requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Outbox" };

const PAGE_SIZE = 50;
const STATUSES: DeliveryStatus[] = ["pending", "sent", "failed", "not_configured"];
const STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: "Waiting to retry",
  sent: "Sent",
  failed: "Failed",
  not_configured: "Not sent (channel not configured)",
};
const STATUS_TONES: Record<DeliveryStatus, BadgeTone> = {
  pending: "warning",
  sent: "success",
  failed: "danger",
  not_configured: "neutral",
};
const CHANNEL_LABELS = { email: "E-mail", slack: "Slack", webhook: "Webhook" } as const;

function param(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("operator", "/outbox");
  const params = await searchParams;
  const channel = param(params.channel);
  const status = param(params.status);
  const filter: OutboxFilter = {
    channel: (NOTIFICATION_CHANNELS as readonly string[]).includes(channel ?? "")
      ? (channel as OutboxFilter["channel"])
      : undefined,
    status: (STATUSES as string[]).includes(status ?? "") ? (status as DeliveryStatus) : undefined,
  };
  const before = Number(param(params.before)) || undefined;
  const [rows, total] = await Promise.all([
    listOutbox({ filter, before, limit: PAGE_SIZE }),
    countOutbox({ filter }),
  ]);
  const { timeZone, notifications } = env();
  const older = rows.length === PAGE_SIZE ? rows[rows.length - 1].id : null;
  const configured = {
    email: Boolean(notifications.smtpUrl),
    slack: Boolean(notifications.slackWebhookUrl),
    webhook: Boolean(notifications.webhookUrl),
  };

  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every e-mail, Slack message and webhook Perch sent or would have sent, newest first. Channels without configuration keep their messages here only."
      />
      <p className="mb-4 text-sm text-slate-600">
        {NOTIFICATION_CHANNELS.map(
          (c) => `${CHANNEL_LABELS[c]}: ${configured[c] ? "configured" : "not configured"}`,
        ).join(" · ")}
      </p>
      <Card>
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-5 py-4">
          <FilterBar action="/outbox" label="Filter messages">
            <div className="w-44">
              <Select name="channel" aria-label="Channel" defaultValue={filter.channel ?? ""}>
                <option value="">Any channel</option>
                {NOTIFICATION_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {CHANNEL_LABELS[c]}
                  </option>
                ))}
              </Select>
            </div>
            <div className="w-64">
              <Select name="status" aria-label="Status" defaultValue={filter.status ?? ""}>
                <option value="">Any status</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </Select>
            </div>
          </FilterBar>
          <p className="ml-auto text-sm text-slate-500">
            {total.toLocaleString("en-US")} message{total === 1 ? "" : "s"}
          </p>
        </div>
        {rows.length === 0 ? (
          <EmptyState
            title="No messages yet"
            description="Messages appear here when an issue opens or resolves, an employer is reminded, or an invite is e-mailed."
          />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Messages">
            {rows.map((row) => (
              <li key={row.id} className="px-5 py-4 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone="brand">{CHANNEL_LABELS[row.channel]}</Badge>
                  <Badge tone={STATUS_TONES[row.status]}>{STATUS_LABELS[row.status]}</Badge>
                  <span className="font-medium text-slate-900">{row.subject}</span>
                  <span className="ml-auto text-xs text-slate-500">
                    {formatDateTime(row.createdAt, timeZone)}
                  </span>
                </div>
                <p className="mt-1 text-xs text-slate-500">
                  {row.recipient ? `To ${row.recipient} · ` : ""}
                  {row.topic}
                  {row.employerName ? ` · ${row.employerName}` : ""} · {row.attempts} attempt
                  {row.attempts === 1 ? "" : "s"}
                  {row.lastError ? ` · last error: ${row.lastError}` : ""}
                </p>
                <details className="mt-2">
                  <summary className="cursor-pointer text-xs text-brand-700">Show message</summary>
                  <pre className="mt-2 whitespace-pre-wrap rounded bg-slate-50 p-3 text-xs text-slate-800">
                    {row.body}
                  </pre>
                </details>
                {row.status !== "pending" ? (
                  <div className="mt-2">
                    <ReplayButton deliveryId={row.id} />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {older ? (
          <div className="border-t border-slate-100 px-5 py-3">
            <ButtonLink
              href={`/outbox?${new URLSearchParams({ ...(filter.channel ? { channel: filter.channel } : {}), ...(filter.status ? { status: filter.status } : {}), before: String(older) })}`}
              variant="secondary"
              size="sm"
            >
              Older
            </ButtonLink>
          </div>
        ) : null}
      </Card>
    </>
  );
}
