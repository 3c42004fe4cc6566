import Link from "next/link";
import { DemoClock } from "@/components/shell/demo-clock";
import { MobileNav } from "@/components/shell/mobile-nav";
import { ModeBadge } from "@/components/shell/mode-badge";
import { PerchMark } from "@/components/shell/perch-mark";
import { SidebarNav, type NavItem } from "@/components/shell/sidebar-nav";
import { SkipLink } from "@/components/shell/skip-link";
import {
  ActivityIcon,
  DeductionsIcon,
  EmployersIcon,
  IssuesIcon,
  OutboxIcon,
  OverviewIcon,
  SettingsIcon,
  WebhooksIcon,
} from "@/components/shell/icons";
import { UserMenu } from "@/components/shell/user-menu";
import { HydrationMarker } from "@/components/ui/hydration-marker";
import { env } from "@/lib/env";
import { hasRole, requirePageUser } from "@/lib/session";

const NAV: NavItem[] = [
  { href: "/", label: "Overview", icon: <OverviewIcon /> },
  { href: "/employers", label: "Employers", icon: <EmployersIcon /> },
  { href: "/deductions", label: "Deductions", icon: <DeductionsIcon /> },
  { href: "/issues", label: "Issues", icon: <IssuesIcon /> },
  { href: "/webhooks", label: "Webhooks", icon: <WebhooksIcon /> },
  { href: "/activity", label: "Activity", icon: <ActivityIcon /> },
  { href: "/outbox", label: "Outbox", icon: <OutboxIcon /> },
  { href: "/settings", label: "Settings", icon: <SettingsIcon /> },
];

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const { mode } = env();
  // The Outbox shows invite links inside messages, so it is for operators and admins.
  const nav = NAV.filter((item) => item.href !== "/outbox" || hasRole(user, "operator"));
  return (
    <div className="flex min-h-screen">
      <SkipLink target="main" />
      <HydrationMarker />
      <aside className="hidden w-60 shrink-0 flex-col bg-slate-900 px-3 py-5 md:flex">
        <Link href="/" className="mb-8 flex items-center gap-2.5 px-3">
          <PerchMark className="h-7 w-7" />
          <span className="text-lg font-semibold tracking-tight text-white">Perch</span>
        </Link>
        <SidebarNav items={nav} />
        <p className="mt-auto px-3 text-xs text-slate-400">Finch operations console</p>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        {/* On a phone the demo clock wraps onto its own row under the brand and the user menu. */}
        <header className="relative flex min-h-14 flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 bg-white px-4 py-2 sm:px-6 lg:flex-nowrap lg:py-0">
          <div className="flex items-center gap-3">
            <MobileNav items={nav} />
            <Link href="/" className="flex items-center gap-2 md:hidden">
              <PerchMark className="h-6 w-6" />
              <span className="font-semibold">Perch</span>
            </Link>
            <ModeBadge mode={mode} />
          </div>
          {mode === "demo" ? (
            <div className="order-last basis-full lg:order-none lg:basis-auto">
              <DemoClock />
            </div>
          ) : null}
          <div className="ml-auto">
            <UserMenu user={user} />
          </div>
        </header>
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 focus:outline-none sm:px-6 lg:px-8"
        >
          {children}
        </main>
      </div>
    </div>
  );
}
