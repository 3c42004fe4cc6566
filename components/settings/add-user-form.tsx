"use client";

import { useActionState } from "react";
import { addUser } from "@/app/(dashboard)/settings/users/actions";
import { OneTimeSecret } from "@/components/settings/one-time-secret";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { ActionState } from "@/lib/safe-action";

export function AddUserForm() {
  const [state, formAction, pending] = useActionState<
    ActionState<{ email: string; password: string }>,
    FormData
  >(addUser, null);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4 px-5 py-4" noValidate>
      {state?.ok ? (
        <OneTimeSecret
          title={`${state.data.email} can now sign in`}
          label="Their password (shown only now):"
          secret={state.data.password}
        />
      ) : state ? (
        <Alert tone="danger">{state.error}</Alert>
      ) : null}
      <Field label="E-mail" htmlFor="new-user-email" error={fieldErrors?.email}>
        <Input
          id="new-user-email"
          name="email"
          type="email"
          required
          aria-invalid={Boolean(fieldErrors?.email)}
        />
      </Field>
      <Field label="Name" htmlFor="new-user-name" hint="Optional" error={fieldErrors?.name}>
        <Input id="new-user-name" name="name" />
      </Field>
      <Field label="Role" htmlFor="new-user-role" error={fieldErrors?.role}>
        <Select id="new-user-role" name="role" defaultValue="operator">
          <option value="viewer">Viewer — read only</option>
          <option value="operator">Operator — onboard and manage employers</option>
          <option value="admin">Admin — also users and settings</option>
        </Select>
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add user"}
      </Button>
    </form>
  );
}
