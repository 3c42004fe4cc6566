"use client";

import { useActionState } from "react";
import { saveConnectSettings } from "@/app/(dashboard)/settings/connect/actions";
import { ProductPicker } from "@/components/employers/product-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { ActionState } from "@/lib/safe-action";

export interface ConnectDefaultsFormProps {
  defaults: { products: string[]; manual: boolean; sessionMinutes: number; inviteDays: number };
  lifetimes: { minutes: number; label: string }[];
}

export function ConnectDefaultsForm({ defaults, lifetimes }: ConnectDefaultsFormProps) {
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(
    saveConnectSettings,
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-5 px-5 py-5" noValidate>
      {state?.ok ? <Alert tone="success">Saved. New sessions and invites use these.</Alert> : null}
      {state && !state.ok && !errors ? <Alert tone="danger">{state.error}</Alert> : null}
      <ProductPicker idPrefix="defaults" defaults={defaults.products} error={errors?.products} />
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          name="manual"
          defaultChecked={defaults.manual}
          className="mt-0.5 rounded border-slate-300"
        />
        <span>
          <span className="font-medium">Include assisted providers by default</span>
          <span className="block text-xs text-slate-500">
            Sends manual: true, so Connect also lists providers reached through a third-party
            administrator.
          </span>
        </span>
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Connect session lifetime"
          htmlFor="defaults-session"
          error={errors?.sessionMinutes}
        >
          <Select
            id="defaults-session"
            name="sessionMinutes"
            defaultValue={String(defaults.sessionMinutes)}
          >
            {lifetimes.map((l) => (
              <option key={l.minutes} value={l.minutes}>
                {l.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Invite links valid for (days)"
          htmlFor="defaults-invite-days"
          error={errors?.inviteDays}
        >
          <Input
            id="defaults-invite-days"
            name="inviteDays"
            type="number"
            min={1}
            max={90}
            defaultValue={defaults.inviteDays}
          />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save defaults"}
      </Button>
    </form>
  );
}
