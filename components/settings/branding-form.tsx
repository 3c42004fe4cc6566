"use client";

import { useActionState, useState } from "react";
import Image from "next/image";
import { saveBrandingAction } from "@/app/(dashboard)/settings/branding/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { ActionState } from "@/lib/safe-action";

const MAX_LOGO_BYTES = 100 * 1024;

export function BrandingForm({
  branding,
}: {
  branding: { companyName: string; logoUrl: string | null };
}) {
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(
    saveBrandingAction,
    null,
  );
  const [logo, setLogo] = useState(branding.logoUrl ?? "");
  const [fileError, setFileError] = useState<string | null>(null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;

  function readLogo(file: File | undefined) {
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_LOGO_BYTES) {
      setFileError("The logo must be at most 100 KB.");
      return;
    }
    const reader = new FileReader();
    reader.onload = () => setLogo(String(reader.result));
    reader.readAsDataURL(file);
  }

  return (
    <form action={formAction} className="space-y-5 px-5 py-5" noValidate>
      {state?.ok ? <Alert tone="success">Saved.</Alert> : null}
      {state && !state.ok && !errors ? <Alert tone="danger">{state.error}</Alert> : null}
      <Field label="Company name" htmlFor="brand-name" error={errors?.companyName}>
        <Input id="brand-name" name="companyName" defaultValue={branding.companyName} />
      </Field>
      <Field
        label="Logo"
        htmlFor="brand-logo"
        hint="PNG, JPEG, GIF or WebP, at most 100 KB; shown 32 px high."
        error={fileError ?? errors?.logoUrl}
      >
        <Input
          id="brand-logo"
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp"
          onChange={(e) => readLogo(e.target.files?.[0])}
        />
      </Field>
      <input type="hidden" name="logoUrl" value={logo} />
      {logo ? (
        <div className="flex items-center gap-3">
          <Image
            src={logo}
            alt="Logo preview"
            width={128}
            height={32}
            unoptimized
            className="h-8 w-auto"
          />
          <Button variant="ghost" size="sm" onClick={() => setLogo("")}>
            Remove logo
          </Button>
        </div>
      ) : null}
      <Button type="submit" disabled={pending}>
        Save branding
      </Button>
    </form>
  );
}
