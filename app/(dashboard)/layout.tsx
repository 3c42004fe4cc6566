import Link from "next/link";
import { DemoClock } from "@/components/shell/demo-clock";
import { ModeBadge } from "@/components/shell/mode-badge";
import { PerchMark } from "@/components/shell/perch-mark";
import { SidebarNav, type NavItem } from "@/components/shell/sidebar-nav";
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
      <HydrationMarker />
      <aside className="hidden w-60 shrink-0 flex-col bg-slate-900 px-3 py-5 md:flex">
        <Link href="/" className="mb-8 flex items-center gap-2.5 px-3">
          <PerchMark className="h-7 w-7" />
          <span className="text-lg font-semibold tracking-tight text-white">Perch</span>
        </Link>
        <SidebarNav items={nav} />
        <p className="mt-auto px-3 text-xs text-slate-500">Finch operations console</p>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-between gap-4 border-b border-slate-200 bg-white px-4 sm:px-6">
          <div className="flex items-center gap-3">
            <Link href="/" className="flex items-center gap-2 md:hidden">
              <PerchMark className="h-6 w-6" />
              <span className="font-semibold">Perch</span>
            </Link>
            <ModeBadge mode={mode} />
            {mode === "demo" ? <DemoClock /> : null}
          </div>
          <UserMenu user={user} />
        </header>
        <nav
          aria-label="Sections"
          className="flex gap-1 overflow-x-auto border-b border-slate-200 bg-slate-900 px-2 py-1 md:hidden"
        >
          {nav.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className="rounded px-3 py-1.5 text-sm text-slate-200"
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 sm:px-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
