import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { IssueQueueState } from "@/lib/issues/lifecycle";

const STATE_TONES: Record<IssueQueueState, BadgeTone> = {
  open: "danger",
  acknowledged: "info",
  snoozed: "neutral",
  resolved: "success",
};

export const QUEUE_STATE_LABELS: Record<IssueQueueState, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  snoozed: "Snoozed",
  resolved: "Resolved",
};

export function IssueStateBadge({ state }: { state: IssueQueueState }) {
  return <Badge tone={STATE_TONES[state]}>{QUEUE_STATE_LABELS[state]}</Badge>;
}

export function SeverityBadge({ severity }: { severity: "warning" | "critical" }) {
  return (
    <Badge tone={severity === "critical" ? "danger" : "warning"}>
      {severity === "critical" ? "Critical" : "Warning"}
    </Badge>
  );
}
