"use client";

import { Alert } from "@/components/ui/alert";
import type { ConnectFlowState } from "@/components/connect/use-connect-flow";
import { connectOutcomeMessage, type ConnectedSummary } from "@/lib/onboarding/connect-outcome";

export interface ConnectResultProps {
  state: ConnectFlowState;
  onDismiss: () => void;
}

/** What happened in Finch Connect, pinned to the corner until dismissed. */
export function ConnectResult({ state, onDismiss }: ConnectResultProps) {
  if (state.phase === "idle" || state.phase === "open") return null;
  let tone: "info" | "success" | "warning" | "danger" = "info";
  let title = "";
  let body: React.ReactNode = null;
  if (state.phase === "exchanging") {
    title = "Saving the connection…";
    body = "Finch Connect finished; Perch is exchanging the code for an access token.";
  } else if (state.phase === "done") {
    const connection = state.data.connection as ConnectedSummary | undefined;
    const outcome = connectOutcomeMessage({
      connection: connection ?? null,
      created: Boolean(state.data.created),
      replayed: Boolean(state.data.replayed),
    });
    tone = outcome.tone;
    title = outcome.title;
    body = outcome.body;
  } else if (state.phase === "closed") {
    tone = "warning";
    title = "Finch Connect was closed";
    body = "It was closed before finishing, so nothing was saved. You can start it again.";
  } else {
    tone = "danger";
    title = "Finch Connect did not finish";
    body = state.message;
  }
  return (
    <div className="fixed right-4 bottom-4 z-40 w-full max-w-sm" data-testid="connect-result">
      <Alert tone={tone} title={title} className="shadow-lg">
        <div className="flex items-start justify-between gap-3">
          <span>{body}</span>
          {state.phase !== "exchanging" ? (
            <button type="button" onClick={onDismiss} className="text-xs font-medium underline">
              Dismiss
            </button>
          ) : null}
        </div>
      </Alert>
    </div>
  );
}
