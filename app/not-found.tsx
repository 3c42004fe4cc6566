import { ButtonLink } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-slate-500">
        The page you asked for does not exist or was removed.
      </p>
      <ButtonLink href="/" className="mt-6">
        Back to Perch
      </ButtonLink>
    </main>
  );
}
