import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmployerData } from "@/components/data/employer-data";
import { EmployerHeader } from "@/components/employers/employer-header";
import { SectionNav } from "@/components/employers/section-nav";
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

  const live = Boolean(
    connection &&
    connection.status !== "disconnected" &&
    !connection.disconnectedAt &&
    connection.accessTokenCiphertext,
  );
  const current = connection ?? null;
  // Sections in the order an operator needs them for this state: a live connection's status
  // and data first; without one, onboarding (how to connect) first. The timeline always last.
  const sections: { id: string; label: string; node: React.ReactNode }[] = [
    ...(current
      ? [
          {
            id: "status",
            label: "Status",
            node: (
              <div className="space-y-6">
                <ConnectionOverview
                  employer={employer}
                  connection={current}
                  now={now}
                  user={user}
                />
                <EntityRows connection={current} now={now} />
              </div>
            ),
          },
        ]
      : []),
    {
      id: "follow-up",
      label: "Follow-up",
      node: <EmployerFollowUp employer={employer} connection={current} user={user} now={now} />,
    },
    ...(live && current?.products.length
      ? [
          {
            id: "data",
            label: "Data",
            node: (
              <EmployerData
                employer={employer}
                connection={current}
                user={user}
                searchParams={await searchParams}
                now={now}
              />
            ),
          },
        ]
      : []),
    {
      id: "onboarding",
      label: "Onboarding",
      node: <OnboardingPanel employer={employer} connection={current} user={user} now={now} />,
    },
    {
      id: "timeline",
      label: "Timeline",
      node: <EmployerTimeline employerId={employer.id} />,
    },
  ];
  if (!live) sections.sort((a, b) => Number(b.id === "onboarding") - Number(a.id === "onboarding"));

  return (
    <div className="space-y-6">
      <EmployerHeader employer={employer} connection={current} user={user} />
      <SectionNav sections={sections} />
      {sections.map((section) => (
        // EmployerData's card carries id="data" itself.
        <div
          key={section.id}
          id={section.id === "data" ? undefined : section.id}
          className="scroll-mt-16"
        >
          {section.node}
        </div>
      ))}
    </div>
  );
}
