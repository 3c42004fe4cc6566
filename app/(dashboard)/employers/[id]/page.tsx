import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmployerData } from "@/components/data/employer-data";
import { EmployerHeader } from "@/components/employers/employer-header";
import { OnboardingPanel } from "@/components/employers/onboarding-panel";
import { EmployerFollowUp } from "@/components/issues/employer-follow-up";
import { ConnectionOverview } from "@/components/monitoring/connection-overview";
import { EntityRows } from "@/components/monitoring/entity-rows";
import { EmployerTimeline } from "@/components/monitoring/employer-timeline";
import { getCurrentConnection } from "@/db/queries/connections";
import { getEmployerById } from "@/db/queries/employers";
import { appNow } from "@/lib/clock";
import { currentUser, requirePageUser } from "@/lib/session";

type Params = { id: string };
type SearchParams = Record<string, string | string[] | undefined>;

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  // The title is sent before the page's own sign-in check redirects; name nobody to strangers.
  if (!(await currentUser())) return { title: "Employer" };
  const employer = await getEmployerById({ id: (await params).id });
  return { title: employer?.name ?? "Employer" };
}

export default async function EmployerPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<SearchParams>;
}) {
  const { id } = await params;
  const user = await requirePageUser("viewer", `/employers/${id}`);
  const employer = await getEmployerById({ id });
  if (!employer) notFound();
  const [connection, now] = await Promise.all([getCurrentConnection({ employerId: id }), appNow()]);

  return (
    <div className="space-y-6">
      <EmployerHeader employer={employer} connection={connection ?? null} user={user} />
      <ConnectionOverview
        employer={employer}
        connection={connection ?? null}
        now={now}
        user={user}
      />
      <EntityRows connection={connection ?? null} now={now} />
      <EmployerFollowUp employer={employer} connection={connection ?? null} user={user} now={now} />
      <EmployerData
        employer={employer}
        connection={connection ?? null}
        user={user}
        searchParams={await searchParams}
        now={now}
      />
      <OnboardingPanel employer={employer} connection={connection ?? null} user={user} now={now} />
      <EmployerTimeline employerId={employer.id} />
    </div>
  );
}
