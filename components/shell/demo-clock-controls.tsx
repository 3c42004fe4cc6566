"use client";

import { useActionState } from "react";
import { moveDemoClock } from "@/app/(dashboard)/demo/actions";
import { cn } from "@/components/ui/cn";

export interface DemoClockControlsProps {
  now: string;
  label: string;
  canControl: boolean;
}

const BUTTON =
  "h-7 rounded px-2 text-xs font-medium text-slate-700 hover:bg-white hover:shadow-sm disabled:cursor-wait disabled:opacity-50";

export function DemoClockControls({ now, label, canControl }: DemoClockControlsProps) {
  const [state, action, pending] = useActionState(moveDemoClock, null);
  return (
    <div
      className="flex items-center gap-1 rounded-md bg-slate-100 py-0.5 pl-2.5 pr-0.5 ring-1 ring-inset ring-slate-200"
      data-testid="demo-clock"
    >
      <span className="sr-only">Demo clock:</span>
      <time
        dateTime={now}
        className={cn("text-xs tabular-nums text-slate-700", pending && "animate-pulse")}
        data-testid="demo-clock-time"
        title="The simulated time of the demo's Finch emulator; countdowns and freshness follow it"
      >
        {label}
      </time>
      {canControl ? (
        <form action={action} className="ml-1 flex items-center gap-0.5" aria-label="Demo clock">
          <button type="submit" name="step" value="day" className={BUTTON} disabled={pending}>
            +1 day
          </button>
          <button type="submit" name="step" value="week" className={BUTTON} disabled={pending}>
            +1 week
          </button>
          <button
            type="submit"
            name="step"
            value="reset"
            className={cn(BUTTON, "text-slate-600")}
            disabled={pending}
            title="Back to real time"
          >
            Reset
          </button>
        </form>
      ) : null}
      {state && !state.ok ? (
        <span role="alert" className="ml-2 text-xs text-red-600">
          {state.error}
        </span>
      ) : null}
    </div>
  );
}
