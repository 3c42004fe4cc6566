import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { countIssuesByQueueState } from "@/db/queries/issues";

/** The overview's issue counts: exact (one COUNT … FILTER query), each a link into the queue. */
export async function IssueQueueCard({ now }: { now: Date }) {
  const counts = await countIssuesByQueueState({ now });
  const cells = [
    { label: "Open", value: counts.open, href: "/issues?state=open" },
    { label: "Critical", value: counts.critical, href: "/issues" },
    { label: "Acknowledged", value: counts.acknowledged, href: "/issues?state=acknowledged" },
    { label: "Snoozed", value: counts.snoozed, href: "/issues?state=snoozed" },
  ];
  return (
    <Card className="mt-6">
      <CardHeader title="Issues" description="The work queue: unresolved issues by state." />
      <dl
        className="grid grid-cols-2 divide-x divide-slate-100 sm:grid-cols-4"
        aria-label="Issue counts"
      >
        {cells.map((cell) => (
          <div key={cell.label} className="px-5 py-4">
            <dt className="text-xs text-slate-500">{cell.label}</dt>
            <dd className="text-2xl font-semibold text-slate-900">
              <Link href={cell.href} className="hover:underline">
                {cell.value.toLocaleString("en-US")}
              </Link>
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
