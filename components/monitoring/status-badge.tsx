import { Badge } from "@/components/ui/badge";
import { describeStatus } from "@/lib/status/catalogue";

/** Colours for charts and swatches, by status (null: never connected). */
export const STATUS_COLORS: Record<string, string> = {
  connected: "#10b981",
  processing: "#0ea5e9",
  pending: "#6366f1",
  error_no_account_setup: "#f59e0b",
  error_permissions: "#d97706",
  reauth: "#ef4444",
  disconnected: "#94a3b8",
  none: "#e2e8f0",
};

export function StatusBadge({ status }: { status: string | null }) {
  if (!status) return <Badge tone="neutral">Not connected</Badge>;
  const info = describeStatus(status);
  return (
    <Badge tone={info.tone} title={info.description} data-status={info.status}>
      {info.label}
    </Badge>
  );
}
