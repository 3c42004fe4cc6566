"use client";

import { useCallback, useRef, useState } from "react";
import { useFinchConnect } from "@/components/connect/use-finch-connect";

export type ConnectOutcome = "opened" | "closed" | "failed";

export type ConnectFlowState =
  | { phase: "idle" }
  | { phase: "open" }
  | { phase: "exchanging" }
  | { phase: "done"; data: Record<string, unknown> }
  | { phase: "closed" }
  | { phase: "error"; message: string };

export interface UseConnectFlowOptions {
  connectUrl: string | null;
  /** Where the code goes: ops' /api/finch/exchange or the invite's own exchange route. */
  exchangeUrl: string;
  /** Notes opened/closed/failed on the timeline; failures to record never bother the user. */
  recordOutcome: (sessionId: string, outcome: ConnectOutcome, message?: string) => Promise<void>;
  onExchanged?: (data: Record<string, unknown>) => void;
}

/** Opens Connect for a session, exchanges the code it returns, and tracks what the user sees. */
export function useConnectFlow({
  connectUrl,
  exchangeUrl,
  recordOutcome,
  onExchanged,
}: UseConnectFlowOptions) {
  const [state, setState] = useState<ConnectFlowState>({ phase: "idle" });
  const sessionRef = useRef<string | null>(null);

  const note = useCallback(
    (outcome: ConnectOutcome, message?: string) => {
      const sessionId = sessionRef.current;
      if (sessionId) recordOutcome(sessionId, outcome, message).catch(() => undefined);
    },
    [recordOutcome],
  );

  const connect = useFinchConnect({
    connectUrl,
    onSuccess: async ({ code }) => {
      setState({ phase: "exchanging" });
      try {
        const response = await fetch(exchangeUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ code, sessionId: sessionRef.current }),
        });
        const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
        if (!response.ok) {
          const error = data.error as { message?: string } | undefined;
          setState({
            phase: "error",
            message: error?.message ?? "The connection could not be saved. Please try again.",
          });
          return;
        }
        setState({ phase: "done", data });
        onExchanged?.(data);
      } catch {
        setState({
          phase: "error",
          message:
            "Could not reach Perch to save the connection. Check your network and try again.",
        });
      }
    },
    onError: ({ errorMessage }) => {
      note("failed", errorMessage);
      setState({ phase: "error", message: errorMessage || "Finch Connect reported an error." });
    },
    onClose: () => {
      note("closed");
      setState({ phase: "closed" });
    },
  });

  /** `fallbackFocus`: where focus returns when Connect closes if its launcher has gone. */
  const launch = useCallback(
    (sessionId: string, fallbackFocus?: HTMLElement | null) => {
      sessionRef.current = sessionId;
      setState({ phase: "open" });
      connect.open(sessionId, { fallbackFocus });
      note("opened");
    },
    [connect, note],
  );

  const reset = useCallback(() => setState({ phase: "idle" }), []);

  return { state, launch, reset, setState };
}
