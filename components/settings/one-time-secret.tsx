"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";

export interface OneTimeSecretProps {
  title: string;
  label: string;
  secret: string;
  note?: string;
}

/** A secret that is shown once, with a copy button; it is never shown again after reload. */
export function OneTimeSecret({ title, label, secret, note }: OneTimeSecretProps) {
  const [copied, setCopied] = useState(false);
  return (
    <Alert tone="success" title={title}>
      <p className="text-xs">{label}</p>
      <div className="mt-1 flex items-center gap-2">
        <code
          className="rounded bg-white px-2 py-1 font-mono text-sm text-slate-900 ring-1 ring-emerald-200"
          data-testid="one-time-secret"
        >
          {secret}
        </code>
        <button
          type="button"
          className="text-xs font-medium underline"
          onClick={async () => {
            await navigator.clipboard?.writeText(secret);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      {note ? <p className="mt-2 text-xs">{note}</p> : null}
    </Alert>
  );
}
