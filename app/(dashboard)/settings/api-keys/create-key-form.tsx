"use client";

import { useActionState } from "react";
import { createApiKey } from "@/app/(dashboard)/settings/api-keys/actions";
import { OneTimeSecret } from "@/components/settings/one-time-secret";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { ActionState } from "@/lib/safe-action";

export function CreateKeyForm() {
  const [state, formAction, pending] = useActionState<
    ActionState<{ name: string; key: string }>,
    FormData
  >(createApiKey, null);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4 px-5 py-4" noValidate>
      {state?.ok ? (
        <OneTimeSecret
          title={`API key “${state.data.name}” created`}
          label="Copy it now — Perch stores only a hash and cannot show it again:"
          secret={state.data.key}
          note="Send it as the header Authorization: Bearer <key> to /api/employers/<id>/data/<product>."
        />
      ) : state ? (
        <Alert tone="danger">{state.error}</Alert>
      ) : null}
      <Field
        label="Name"
        htmlFor="api-key-name"
        hint="Who or what will use it, e.g. “Payroll reconciliation job”."
        error={fieldErrors?.name}
      >
        <Input
          id="api-key-name"
          name="name"
          required
          maxLength={80}
          aria-invalid={Boolean(fieldErrors?.name)}
        />
      </Field>
      <Field
        label="Scope"
        htmlFor="api-key-scope"
        hint="Read keys cannot change anything. Write keys can also send deduction changes (POST /api/employers/<id>/benefits…). List keys see every employer's id and status, but no employee data."
        error={fieldErrors?.scope}
      >
        <Select id="api-key-scope" name="scope" defaultValue="data:read">
          <option value="data:read">Read employer data (data:read)</option>
          <option value="data:write">Read data and write deductions (data:write)</option>
          <option value="employers:read">List employers and their ids (employers:read)</option>
        </Select>
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create API key"}
      </Button>
    </form>
  );
}
