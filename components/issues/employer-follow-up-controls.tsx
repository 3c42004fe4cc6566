"use client";

import { useState, useTransition } from "react";
import { createReauthLink } from "@/app/(dashboard)/employers/[id]/actions";
import { assignEmployerOwner } from "@/app/(dashboard)/issues/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";

export function EmployerOwnerSelect({
  employerId,
  ownerUserId,
  people,
}: {
  employerId: string;
  ownerUserId: string | null;
  people: { id: string; label: string }[];
}) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="w-72">
        <Field
          label="Owner"
          htmlFor={`employer-owner-${employerId}`}
          hint="Gets this employer's issues by default."
        >
          <Select
            id={`employer-owner-${employerId}`}
            defaultValue={ownerUserId ?? ""}
            disabled={pending}
            onChange={(e) =>
              startTransition(async () => {
                const result = await assignEmployerOwner(null, {
                  employerId,
                  ownerUserId: e.target.value,
                });
                setMessage(result.ok ? "Owner saved." : result.error);
              })
            }
          >
            <option value="">No owner</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {message ? (
        <p role="status" className="pb-2 text-xs text-slate-500">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** Creates a link that opens Finch Connect in re-authentication mode for this connection. */
export function ReauthLinkButton({
  employerId,
  connectionId,
  contactEmail,
}: {
  employerId: string;
  connectionId: string;
  contactEmail: string | null;
}) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ url?: string; note?: string; error?: string } | null>(
    null,
  );
  return (
    <div className="flex flex-col items-end gap-2">
      <Button
        size="sm"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const outcome = await createReauthLink(null, {
              employerId,
              connectionId,
              email: contactEmail ? "true" : "false",
            });
            if (!outcome.ok) {
              setResult({ error: outcome.error });
              return;
            }
            const { url, emailedTo, emailStatus } = outcome.data;
            setResult({
              url,
              note: emailedTo
                ? emailStatus === "sent"
                  ? `E-mailed to ${emailedTo}.`
                  : `E-mail to ${emailedTo} is in the Outbox (${emailStatus === "not_configured" ? "SMTP not configured" : "will retry"}).`
                : "No contact e-mail on file: send this link yourself.",
            });
          })
        }
      >
        {contactEmail ? "E-mail a re-authentication link" : "Create a re-authentication link"}
      </Button>
      {result?.error ? <Alert tone="danger">{result.error}</Alert> : null}
      {result?.url ? (
        <div className="w-96 max-w-full space-y-1">
          <Input
            readOnly
            aria-label="Re-authentication link"
            value={result.url}
            className="font-mono text-xs"
          />
          <p role="status" className="text-xs text-slate-500">
            {result.note}
          </p>
        </div>
      ) : null}
    </div>
  );
}
