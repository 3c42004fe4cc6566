import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { listEmployers } from "@/db/queries/employer-list";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";

function Example({ title, scope, command }: { title: string; scope: string; command: string }) {
  return (
    <div>
      <p className="text-sm font-medium text-slate-900">
        {title} <span className="font-normal text-slate-600">({scope})</span>
      </p>
      {/* Focusable, so a keyboard can scroll a long command sideways. */}
      <pre
        tabIndex={0}
        aria-label={`${title}: example command`}
        className="mt-1 overflow-x-auto rounded bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
      >
        {command}
      </pre>
    </div>
  );
}

/**
 * How a service finds the employer id the data API takes, with calls it can paste: the values
 * are this Perch's own URL and, when there is one, a real employer.
 */
export async function ApiExamples() {
  const { publicUrl } = env();
  const [sample] = (await listEmployers({ now: await appNow(), pageSize: 1 })).rows;
  const id = sample?.id ?? "<employer id>";
  const customerId = sample?.customerId ?? "<your customer id>";
  const auth = `-H "Authorization: Bearer perch_live_…"`;
  return (
    <Card className="2xl:col-span-3">
      <CardHeader
        title="Finding employer ids"
        description="Every data call names an employer by Perch's id, or by the customer id you gave it."
      />
      <div className="space-y-4 px-5 py-4 text-sm text-slate-700">
        <ul className="list-disc space-y-1 pl-5">
          <li>
            Each row of the{" "}
            <Link href="/employers" className="font-medium text-brand-700 underline">
              employers list
            </Link>{" "}
            shows the employer&apos;s id with a Copy button; the list&apos;s CSV export has an{" "}
            <code className="font-mono">id</code> column.
          </li>
          <li>
            Anywhere an id goes, <code className="font-mono">customer_id:&lt;your id&gt;</code>{" "}
            works too (URL-encode it if it holds a slash or a space).
          </li>
          <li>
            A key with <code className="font-mono">employers:read</code> lists every employer, 100
            per page by default (<code className="font-mono">limit</code> up to 500); follow{" "}
            <code className="font-mono">next_cursor</code> until it is null.
          </li>
        </ul>
        <Example
          title="List employers, then the next page"
          scope="employers:read"
          command={`curl ${auth} "${publicUrl}/api/employers?limit=100"\ncurl ${auth} "${publicUrl}/api/employers?limit=100&cursor=<next_cursor>"`}
        />
        <Example
          title="Find an employer by your customer id"
          scope="employers:read"
          command={`curl ${auth} "${publicUrl}/api/employers?customer_id=${encodeURIComponent(customerId)}"`}
        />
        <Example
          title="Read one employer, by id or by customer id"
          scope="data:read"
          command={`curl ${auth} "${publicUrl}/api/employers/${id}"\ncurl ${auth} "${publicUrl}/api/employers/customer_id:${encodeURIComponent(customerId)}"`}
        />
        <Example
          title="Read its data"
          scope="data:read"
          command={`curl ${auth} "${publicUrl}/api/employers/${id}/data/company"\ncurl ${auth} "${publicUrl}/api/employers/${id}/data/directory?limit=100"`}
        />
      </div>
    </Card>
  );
}
