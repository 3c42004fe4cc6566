import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { env } from "@/lib/env";
import { hasRole, requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePageUser("viewer", "/settings");
  const { mode, timeZone, finch, publicUrl } = env();
  const sections = [
    {
      href: "/settings/users",
      title: "Users",
      description: "Who can sign in to Perch, and with which role.",
      adminOnly: true,
    },
    {
      href: "/settings/api-keys",
      title: "API keys",
      description: "Keys that let internal services read employer data through Perch.",
      adminOnly: true,
    },
    {
      href: "/settings/notifications",
      title: "Notifications",
      description:
        "Which issues go to e-mail, Slack and webhooks; employer reminders; send a test.",
      adminOnly: true,
    },
    {
      href: "/settings/branding",
      title: "Branding",
      description: "Your company's name and logo on the employer's page and in reminders.",
      adminOnly: true,
    },
    {
      href: "/settings/connect",
      title: "Finch Connect defaults",
      description: "Products, assisted providers and link lifetimes for new Connect sessions.",
      adminOnly: true,
    },
  ].filter((s) => !s.adminOnly || hasRole(user, "admin"));

  return (
    <>
      <PageHeader title="Settings" description="How this Perch instance is set up." />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-3 lg:col-span-2">
          {sections.map((section) => (
            <Link key={section.href} href={section.href} className="block">
              <Card className="px-5 py-4 transition hover:ring-brand-500">
                <p className="font-medium text-slate-900">{section.title}</p>
                <p className="mt-0.5 text-sm text-slate-500">{section.description}</p>
              </Card>
            </Link>
          ))}
          {!sections.length ? (
            <Card className="px-5 py-4 text-sm text-slate-500">
              Only administrators can change settings.
            </Card>
          ) : null}
        </div>
        <Card className="px-5 py-4">
          <h2 className="text-sm font-semibold text-slate-900">This instance</h2>
          <dl className="mt-3 space-y-2 text-sm">
            <div>
              <dt className="text-slate-500">Mode</dt>
              <dd className="capitalize">{mode}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Public URL</dt>
              <dd className="font-mono text-xs">{publicUrl}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Finch Connect origin</dt>
              <dd className="font-mono text-xs">
                {mode === "demo" ? "this app (built-in emulator)" : finch.connectUrl}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Time zone for dates and countdowns</dt>
              <dd>{timeZone}</dd>
            </div>
          </dl>
        </Card>
      </div>
    </>
  );
}
