"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { createEmployer, updateEmployer } from "@/app/(dashboard)/employers/actions";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { ActionState } from "@/lib/safe-action";

export interface EmployerFormProps {
  employer?: { id: string; name: string; customerId: string; contactEmail: string | null };
}

/** Create or edit an employer; errors appear beside their fields. */
export function EmployerForm({ employer }: EmployerFormProps) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<ActionState<{ id: string }>, FormData>(
    employer ? updateEmployer : createEmployer,
    null,
  );
  useEffect(() => {
    if (state?.ok) router.push(`/employers/${state.data.id}`);
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const cancelHref = employer ? `/employers/${employer.id}` : "/employers";

  return (
    <form action={formAction} className="space-y-5 px-5 py-5" noValidate>
      {state && !state.ok && !errors ? <Alert tone="danger">{state.error}</Alert> : null}
      {employer ? <input type="hidden" name="id" value={employer.id} /> : null}
      <Field label="Name" htmlFor="employer-name" error={errors?.name}>
        <Input
          id="employer-name"
          name="name"
          defaultValue={employer?.name}
          autoComplete="organization"
          aria-invalid={Boolean(errors?.name)}
          required
        />
      </Field>
      <Field
        label="Customer id"
        htmlFor="employer-customer-id"
        error={errors?.customerId}
        hint={
          employer
            ? "Your own id for this employer, sent to Finch as customer_id."
            : "Your own id for this employer, sent to Finch as customer_id. Leave blank to generate one."
        }
      >
        <Input
          id="employer-customer-id"
          name="customerId"
          defaultValue={employer?.customerId}
          className="font-mono"
          aria-invalid={Boolean(errors?.customerId)}
        />
      </Field>
      <Field
        label="Contact e-mail"
        htmlFor="employer-email"
        error={errors?.contactEmail}
        hint="Optional. Prefilled in Finch Connect and shown to ops when the employer must act."
      >
        <Input
          id="employer-email"
          name="contactEmail"
          type="email"
          defaultValue={employer?.contactEmail ?? ""}
          autoComplete="email"
          aria-invalid={Boolean(errors?.contactEmail)}
        />
      </Field>
      <div className="flex items-center gap-3 pt-1">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : employer ? "Save changes" : "Add employer"}
        </Button>
        <ButtonLink href={cancelHref} variant="ghost">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
