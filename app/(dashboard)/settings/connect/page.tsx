import type { Metadata } from "next";
import Link from "next/link";
import { ConnectDefaultsForm } from "@/components/employers/connect-defaults-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getConnectDefaults, SESSION_LIFETIMES } from "@/lib/onboarding/defaults";
import { requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Finch Connect defaults" };

export default async function ConnectSettingsPage() {
  await requirePageUser("admin", "/settings/connect");
  const defaults = await getConnectDefaults();
  return (
    <div className="max-w-3xl">
      <PageHeader
        breadcrumb={<Link href="/settings">Settings</Link>}
        title="Finch Connect defaults"
        description="What new Connect sessions and invite links ask for unless ops change it."
      />
      <Card>
        <ConnectDefaultsForm defaults={defaults} lifetimes={[...SESSION_LIFETIMES]} />
      </Card>
    </div>
  );
}
