import type { Metadata } from "next";
import { EventList } from "@/components/events/event-list";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listEvents } from "@/db/queries/events";
import { env } from "@/lib/env";
import { requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage() {
  await requirePageUser("viewer", "/activity");
  const events = await listEvents({ source: "staff", limit: 100 });
  return (
    <>
      <PageHeader
        title="Activity"
        description="The audit log: every action staff took in Perch, newest first."
      />
      <Card>
        {events.length ? (
          <EventList events={events} timeZone={env().timeZone} />
        ) : (
          <EmptyState
            title="Nothing yet"
            description="Sign-ins, user changes and onboarding actions are recorded here."
          />
        )}
      </Card>
    </>
  );
}
