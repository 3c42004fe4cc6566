"use client";

import { useState, useTransition } from "react";
import { revokeApiKeyAction } from "@/app/(dashboard)/settings/api-keys/actions";
import { Button } from "@/components/ui/button";

export function RevokeKeyButton({ apiKeyId, name }: { apiKeyId: string; name: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant="ghost"
        disabled={pending}
        aria-label={`Revoke ${name}`}
        onClick={() => {
          if (!confirm(`Revoke the API key “${name}”? Services using it stop working at once.`)) {
            return;
          }
          setError(null);
          startTransition(async () => {
            const result = await revokeApiKeyAction(null, { apiKeyId });
            if (!result.ok) setError(result.error);
          });
        }}
      >
        {pending ? "Revoking…" : "Revoke"}
      </Button>
      {error ? (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
