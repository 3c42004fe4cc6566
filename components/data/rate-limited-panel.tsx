"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export interface RateLimitedPanelProps {
  /** Seconds until Finch answers again (its Retry-After, or the documented window). */
  retryAfterSeconds: number;
  requestId: string | null;
}

/**
 * Finch's rate limit is a wait, not a failure: count down and ask again by re-rendering the
 * page's server components. Each new 429 carries a new request id, so the parent keys this panel
 * by it and the countdown starts afresh.
 */
export function RateLimitedPanel({ retryAfterSeconds, requestId }: RateLimitedPanelProps) {
  const router = useRouter();
  const [remaining, setRemaining] = useState(Math.max(0, Math.ceil(retryAfterSeconds)));
  const [retrying, startTransition] = useTransition();

  useEffect(() => {
    if (remaining <= 0) {
      startTransition(() => router.refresh());
      return;
    }
    const timer = setTimeout(() => setRemaining((seconds) => seconds - 1), 1_000);
    return () => clearTimeout(timer);
  }, [remaining, router]);

  const retryNow = () => startTransition(() => router.refresh());

  return (
    <Alert tone="warning" title="Waiting for Finch" data-testid="rate-limited-panel">
      <p aria-live="polite">
        {retrying || remaining <= 0
          ? "Asking Finch again…"
          : `Finch is rate-limiting; retrying in ${remaining} s.`}
      </p>
      <p className="mt-1 text-xs opacity-80">
        Finch allows each application a fixed number of requests per minute for each kind of data.
        Nothing is wrong with this connection; this tab loads by itself when Finch answers.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button size="sm" variant="secondary" disabled={retrying} onClick={retryNow}>
          Retry now
        </Button>
        {requestId ? (
          <span className="text-xs opacity-80">
            Finch request id <code className="font-mono">{requestId}</code>
          </span>
        ) : null}
      </div>
    </Alert>
  );
}
