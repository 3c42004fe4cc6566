import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Employers" };

export default function EmployersPage() {
  return (
    <>
      <PageHeader title="Employers" description="Every employer you onboard through Finch." />
      <Card>
        <EmptyState
          title="No employers yet"
          description="Employers you add and connect through Finch Connect will be listed here."
        />
      </Card>
    </>
  );
}
