import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";

export const metadata: Metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-red-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">
        You don&apos;t have access to this page
      </h1>
      <p className="mt-2 max-w-md text-sm text-slate-500">
        Your role does not allow it. Ask an administrator if you need access.
      </p>
      <ButtonLink href="/" className="mt-6">
        Back to the overview
      </ButtonLink>
    </main>
  );
}
