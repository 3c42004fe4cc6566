import type { Metadata } from "next";
import { EventList } from "@/components/events/event-list";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listEvents } from "@/db/queries/events";
import { env } from "@/lib/env";
import { requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await requirePageUser("viewer", "/webhooks");
  const events = await listEvents({ source: "webhook", limit: 100 });
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Deliveries received from Finch at /api/webhooks/finch, newest first."
      />
      <Card>
        {events.length ? (
          <EventList events={events} timeZone={env().timeZone} />
        ) : (
          <EmptyState
            title="No webhook deliveries yet"
            description="Finch sends account and data-sync events here once employers are connected."
          />
        )}
      </Card>
    </>
  );
}
