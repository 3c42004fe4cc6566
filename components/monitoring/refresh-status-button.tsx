"use client";

import { useActionState } from "react";
import { refreshEmployerStatus } from "@/app/(dashboard)/employers/[id]/monitoring-actions";
import { Button } from "@/components/ui/button";

export function RefreshStatusButton({
  employerId,
  variant = "secondary",
}: {
  employerId: string;
  variant?: "primary" | "secondary";
}) {
  const [state, action, pending] = useActionState(refreshEmployerStatus, null);
  return (
    <form action={action} className="flex items-center gap-3">
      <input type="hidden" name="employerId" value={employerId} />
      {state ? (
        <span
          role="status"
          className={state.ok && state.data.ok ? "text-xs text-slate-500" : "text-xs text-red-600"}
        >
          {state.ok ? state.data.message : state.error}
        </span>
      ) : null}
      <Button
        type="submit"
        variant={variant}
        data-primary={variant === "primary" || undefined}
        disabled={pending}
      >
        {pending ? "Checking…" : "Refresh status now"}
      </Button>
    </form>
  );
}
