"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth";

const signInInput = z.object({
  email: z.string().trim().min(1, "Enter your e-mail").email("Enter a valid e-mail address"),
  password: z.string().min(1, "Enter your password"),
  from: z.string().optional(),
});

export interface SignInState {
  error?: string;
  email?: string;
}

/** Only same-site paths are honoured as the page to return to. */
function safeReturnPath(from: string | undefined): string {
  return from && from.startsWith("/") && !from.startsWith("//") ? from : "/";
}

export async function signInWithPassword(
  _prev: SignInState | null,
  formData: FormData,
): Promise<SignInState> {
  const parsed = signInInput.safeParse(Object.fromEntries(formData));
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) return { error: parsed.error.issues[0]?.message, email };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeReturnPath(parsed.data.from),
    });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      return {
        email,
        error:
          code === "rate_limited"
            ? "Too many failed attempts. Please wait 15 minutes and try again."
            : "The e-mail or password is incorrect.",
      };
    }
    throw error;
  }
}

export async function signInWithSso(formData: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: safeReturnPath(String(formData.get("from") ?? "")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
