"use client";

import { useState, useTransition } from "react";
import { replayDelivery } from "@/app/(dashboard)/outbox/actions";
import { Button } from "@/components/ui/button";

export function ReplayButton({ deliveryId }: { deliveryId: number }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await replayDelivery(null, { deliveryId });
            setMessage(
              result.ok
                ? result.data.sent
                  ? "Sent again"
                  : result.data.notConfigured
                    ? "Channel not configured"
                    : "Will retry"
                : result.error,
            );
          })
        }
      >
        Replay
      </Button>
      {message ? (
        <span role="status" className="text-xs text-slate-500">
          {message}
        </span>
      ) : null}
    </span>
  );
}
