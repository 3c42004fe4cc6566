import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <>
      <PageHeader
        title="Overview"
        description="Where every employer's Finch connection stands, and who must act."
      />
      <Card>
        <EmptyState
          title="No connections to watch yet"
          description="Once employers connect through Finch Connect, their statuses, configuration countdowns and data freshness appear here."
          action={<ButtonLink href="/employers">Go to employers</ButtonLink>}
        />
      </Card>
    </>
  );
}
