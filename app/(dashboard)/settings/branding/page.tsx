import type { Metadata } from "next";
import Link from "next/link";
import { BrandingForm } from "@/components/settings/branding-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getBranding } from "@/lib/notifications/branding";
import { requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Branding" };

export default async function BrandingSettingsPage() {
  await requirePageUser("admin", "/settings/branding");
  const branding = await getBranding();
  return (
    <div className="max-w-3xl">
      <PageHeader
        breadcrumb={<Link href="/settings">Settings</Link>}
        title="Branding"
        description="The name and logo employers see on their invite page and in reminder e-mail, instead of Perch's."
      />
      <Card>
        <BrandingForm branding={branding} />
      </Card>
    </div>
  );
}
