import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signInWithSso } from "@/app/(auth)/actions";
import { LoginForm } from "@/components/auth/login-form";
import { PerchMark } from "@/components/shell/perch-mark";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { env } from "@/lib/env";
import { safeRedirectPath } from "@/lib/security/safe-redirect";
import { currentUser } from "@/lib/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string }>;
}) {
  const { from: rawFrom } = await searchParams;
  const from = safeRedirectPath(rawFrom, "") || undefined;
  if (await currentUser()) redirect(from ?? "/");
  const { demo, oidc } = env();

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <PerchMark className="h-10 w-10" />
          <h1 className="mt-4 text-2xl font-semibold tracking-tight">Sign in to Perch</h1>
          <p className="mt-1 text-sm text-slate-500">
            Finch connections, onboarding and data — in one place.
          </p>
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {demo ? (
            <Alert tone="info" title="Demo mode" className="mb-5">
              <p>Sign in with the demo administrator:</p>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 font-mono text-xs">
                <dt className="text-sky-700">E-mail</dt>
                <dd data-testid="demo-email">{demo.adminEmail}</dd>
                <dt className="text-sky-700">Password</dt>
                <dd data-testid="demo-password">{demo.adminPassword}</dd>
              </dl>
            </Alert>
          ) : null}
          <LoginForm from={from} defaultEmail={demo?.adminEmail} />
          {oidc ? (
            <form action={signInWithSso} className="mt-4 border-t border-slate-100 pt-4">
              <input type="hidden" name="from" value={from ?? ""} />
              <Button type="submit" variant="secondary" className="w-full">
                Continue with {oidc.name}
              </Button>
            </form>
          ) : null}
        </div>
      </div>
    </main>
  );
}
