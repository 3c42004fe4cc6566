import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmployerForm } from "@/components/employers/employer-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getEmployerById } from "@/db/queries/employers";
import { requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Edit employer" };

export default async function EditEmployerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser("operator", `/employers/${id}/edit`);
  const employer = await getEmployerById({ id });
  if (!employer) notFound();
  return (
    <div className="max-w-2xl">
      <PageHeader
        breadcrumb={
          <>
            <Link href="/employers">Employers</Link> /{" "}
            <Link href={`/employers/${employer.id}`}>{employer.name}</Link>
          </>
        }
        title={`Edit ${employer.name}`}
        description="Changing the customer id affects new Connect sessions only; existing connections keep theirs at Finch."
      />
      <Card>
        <EmployerForm
          employer={{
            id: employer.id,
            name: employer.name,
            customerId: employer.customerId,
            contactEmail: employer.contactEmail,
          }}
        />
      </Card>
    </div>
  );
}
