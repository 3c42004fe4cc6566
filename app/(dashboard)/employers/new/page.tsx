import type { Metadata } from "next";
import Link from "next/link";
import { EmployerForm } from "@/components/employers/employer-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Add employer" };

export default async function NewEmployerPage() {
  await requirePageUser("operator", "/employers/new");
  return (
    <div className="max-w-2xl">
      <PageHeader
        breadcrumb={<Link href="/employers">Employers</Link>}
        title="Add employer"
        description="Add the employer first; then connect it through Finch Connect or send it an invite link."
      />
      <Card>
        <EmployerForm />
      </Card>
    </div>
  );
}
