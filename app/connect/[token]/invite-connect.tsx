"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { useConnectFlow, type ConnectOutcome } from "@/components/connect/use-connect-flow";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export interface InviteConnectProps {
  token: string;
  connectUrl: string | null;
  label: string;
}

/** The employer's Connect button: the session is created server-side at the moment of the click. */
export function InviteConnect({ token, connectUrl, label }: InviteConnectProps) {
  const router = useRouter();
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const base = `/api/invites/${encodeURIComponent(token)}`;

  const recordOutcome = useCallback(
    async (sessionId: string, outcome: ConnectOutcome, message?: string) => {
      await fetch(`${base}/outcome`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sessionId, outcome, message }),
      });
    },
    [base],
  );
  const flow = useConnectFlow({
    connectUrl,
    exchangeUrl: `${base}/exchange`,
    recordOutcome,
    onExchanged: () => router.refresh(),
  });

  async function start() {
    setStarting(true);
    setStartError(null);
    try {
      const response = await fetch(`${base}/session`, { method: "POST" });
      const data = (await response.json().catch(() => ({}))) as {
        sessionId?: string;
        error?: { message?: string };
      };
      if (!response.ok || !data.sessionId) {
        setStartError(
          data.error?.message ?? "Finch Connect could not be started. Please try again.",
        );
        return;
      }
      flow.launch(data.sessionId);
    } catch {
      setStartError("Could not reach the server. Check your connection and try again.");
    } finally {
      setStarting(false);
    }
  }

  const { state } = flow;
  return (
    <div className="space-y-4">
      {startError ? <Alert tone="danger">{startError}</Alert> : null}
      {state.phase === "closed" ? (
        <Alert tone="warning" title="Finch Connect was closed">
          Nothing was shared. You can start again whenever you are ready.
        </Alert>
      ) : null}
      {state.phase === "error" ? (
        <Alert tone="danger" title="The connection did not finish">
          {state.message}
        </Alert>
      ) : null}
      {state.phase === "exchanging" ? (
        <Alert tone="info" title="Finishing up…">
          Saving your connection. One moment.
        </Alert>
      ) : null}
      {state.phase === "done" ? (
        <Alert tone="success" title="Connected">
          Thank you — your connection is saved. Loading its status…
        </Alert>
      ) : null}
      <Button
        className="w-full"
        onClick={start}
        disabled={starting || state.phase === "exchanging" || state.phase === "done"}
      >
        {starting ? "Opening Finch Connect…" : label}
      </Button>
    </div>
  );
}
