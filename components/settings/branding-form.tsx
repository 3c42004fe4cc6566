"use client";

import { useActionState } from "react";
import { saveBrandingAction } from "@/app/(dashboard)/settings/branding/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { ActionState } from "@/lib/safe-action";

export function BrandingForm({
  branding,
}: {
  branding: { companyName: string; logoUrl: string | null };
}) {
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(
    saveBrandingAction,
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-5 px-5 py-5" noValidate>
      {state?.ok ? <Alert tone="success">Saved.</Alert> : null}
      {state && !state.ok && !errors ? <Alert tone="danger">{state.error}</Alert> : null}
      <Field label="Company name" htmlFor="brand-name" error={errors?.companyName}>
        <Input id="brand-name" name="companyName" defaultValue={branding.companyName} />
      </Field>
      <Field
        label="Logo URL"
        htmlFor="brand-logo"
        hint="An https:// image, shown at most 40 px high on the employer's page."
        error={errors?.logoUrl}
      >
        <Input id="brand-logo" name="logoUrl" defaultValue={branding.logoUrl ?? ""} />
      </Field>
      <Button type="submit" disabled={pending}>
        Save branding
      </Button>
    </form>
  );
}
