import Image from "next/image";
import { PerchMark } from "@/components/shell/perch-mark";
import { HydrationMarker } from "@/components/ui/hydration-marker";
import { getBranding } from "@/lib/notifications/branding";

/** The employer-facing frame of an invite page: the company's branding and Finch's note. */
export async function Shell({ by, children }: { by?: string; children: React.ReactNode }) {
  // The company's own name and logo (Settings → Branding); Perch's mark when none is set.
  const branding = await getBranding();
  return (
    <main className="min-h-screen bg-slate-50 px-4 py-10 sm:py-16">
      <HydrationMarker />
      <div className="mx-auto w-full max-w-lg">
        <div className="mb-6 flex items-center gap-2.5">
          {branding.logoUrl ? (
            <Image
              src={branding.logoUrl}
              alt=""
              width={128}
              height={32}
              unoptimized
              className="h-8 w-auto max-w-32 object-contain"
            />
          ) : (
            <PerchMark className="h-8 w-8" />
          )}
          <span className="text-base font-semibold text-slate-900" data-testid="brand-name">
            {branding.companyName}
          </span>
          {by ? <span className="text-sm text-slate-500">on behalf of {by}</span> : null}
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
          {children}
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">
          Connections are made through Finch, a payroll data platform. Your provider password is
          entered in Finch Connect and never seen by Perch.
        </p>
      </div>
    </main>
  );
}
