"use client";

import { useActionState } from "react";
import { signInWithPassword, type SignInState } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { HydrationMarker } from "@/components/ui/hydration-marker";

export interface LoginFormProps {
  from?: string;
  defaultEmail?: string;
}

export function LoginForm({ from, defaultEmail }: LoginFormProps) {
  const [state, formAction, pending] = useActionState<SignInState | null, FormData>(
    signInWithPassword,
    null,
  );
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <HydrationMarker />
      {state?.error ? <Alert tone="danger">{state.error}</Alert> : null}
      <input type="hidden" name="from" value={from ?? ""} />
      <Field label="E-mail" htmlFor="email">
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state?.email ?? defaultEmail}
        />
      </Field>
      <Field label="Password" htmlFor="password">
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
