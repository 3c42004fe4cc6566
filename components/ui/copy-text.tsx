"use client";

import { useState } from "react";
import { cn } from "@/components/ui/cn";

export interface CopyTextProps {
  value: string;
  /** What the value is, for the button's accessible name ("Copy employer id"). */
  label: string;
  className?: string;
  /** Show only the start of a long value (the whole of it is still copied and selectable). */
  short?: boolean;
}

/** A value shown in monospace (selectable as text) with a button that copies it. */
export function CopyText({ value, label, className, short }: CopyTextProps) {
  const [copied, setCopied] = useState(false);
  return (
    <span className={cn("inline-flex items-center gap-1.5", className)}>
      <code
        className={cn(
          "font-mono text-xs text-slate-600",
          short && "inline-block max-w-[9ch] truncate align-bottom",
        )}
        title={short ? value : undefined}
      >
        {value}
      </code>
      <button
        type="button"
        aria-label={`Copy ${label}`}
        className="rounded px-1 text-xs font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
        onClick={async () => {
          await navigator.clipboard?.writeText(value).catch(() => undefined);
          setCopied(true);
        }}
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </span>
  );
}
