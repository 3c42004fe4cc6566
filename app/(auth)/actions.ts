"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth";
import { safeRedirectPath } from "@/lib/security/safe-redirect";
import { UNAVAILABLE_PATH } from "@/lib/session";

const signInInput = z.object({
  email: z.string().trim().min(1, "Enter your e-mail").email("Enter a valid e-mail address"),
  password: z.string().min(1, "Enter your password"),
  from: z.string().optional(),
});

export interface SignInState {
  error?: string;
  email?: string;
}

const NOT_A_FORM: SignInState = { error: "Send the sign-in form." };

/** Public: anyone can call it with anything, so nothing about the argument is assumed. */
export async function signInWithPassword(
  _prev: SignInState | null,
  formData: FormData,
): Promise<SignInState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const parsed = signInInput.safeParse(Object.fromEntries(formData));
  const rawEmail = formData.get("email");
  const email = typeof rawEmail === "string" ? rawEmail.slice(0, 320) : "";
  if (!parsed.success) return { error: parsed.error.issues[0]?.message, email };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeRedirectPath(parsed.data.from),
    });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "unavailable") redirect(UNAVAILABLE_PATH);
      return {
        email,
        error:
          code === "rate_limited"
            ? "Too many failed attempts for this account. Wait a little and try again."
            : "The e-mail or password is incorrect.",
      };
    }
    throw error;
  }
}

export async function signInWithSso(formData: FormData): Promise<void> {
  const from = formData instanceof FormData ? formData.get("from") : null;
  await signIn("oidc", { redirectTo: safeRedirectPath(from) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
