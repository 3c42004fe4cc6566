"use client";

import { useActionState } from "react";
import { syncNow } from "@/app/(dashboard)/employers/[id]/data-actions";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/safe-action";

type SyncResult = { alreadyRunning: boolean; remaining: number | null; retryAt: string | null };

export function SyncNowButton({ employerId, disabled }: { employerId: string; disabled: boolean }) {
  const [state, formAction, pending] = useActionState<ActionState<SyncResult>, FormData>(
    syncNow,
    null,
  );
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="employerId" value={employerId} />
      <Button type="submit" size="sm" variant="secondary" disabled={disabled || pending}>
        {pending ? "Asking Finch…" : "Sync now"}
      </Button>
      {state?.ok ? (
        <p role="status" className="text-xs text-emerald-700">
          {state.data.alreadyRunning
            ? "A sync is already running."
            : "Sync started; fresh data appears when Finch finishes."}
        </p>
      ) : state ? (
        <p role="alert" className="max-w-xs text-right text-xs text-red-600">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
