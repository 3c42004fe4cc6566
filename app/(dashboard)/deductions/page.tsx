import type { Metadata } from "next";
import Link from "next/link";
import {
  DeductionChangeFilters,
  DeductionChangeList,
} from "@/components/deductions/deduction-change-list";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { countDeductionChanges, listDeductionChanges } from "@/db/queries/deduction-changes";
import { appNow } from "@/lib/clock";
import { parseChangeFilter } from "@/lib/deductions/rules";
import { env } from "@/lib/env";
import { requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Deductions" };

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f-]{36}$/i;

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Every employer's deduction changes, newest first, with pending / overdue / failed filters. */
export default async function DeductionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("viewer", "/deductions");
  const params = await searchParams;
  const filter = parseChangeFilter(params.filter);
  const now = await appNow();
  const { timeZone } = env();
  // Keyset cursor: "<requested_at ISO>_<id>" of the last row shown.
  const [cursorAt, cursorId] = (one(params.before) ?? "").split("_");
  const before =
    cursorAt && cursorId && UUID.test(cursorId) && !Number.isNaN(Date.parse(cursorAt))
      ? { requestedAt: new Date(cursorAt), id: cursorId }
      : undefined;
  const [counts, rows] = await Promise.all([
    countDeductionChanges({ now }),
    listDeductionChanges({ filter: filter ?? undefined, now, before, limit: PAGE_SIZE }),
  ]);
  const href = (f: string | null) => (f ? `/deductions?filter=${f}` : "/deductions");
  const last = rows.length === PAGE_SIZE ? rows[rows.length - 1] : null;
  return (
    <>
      <PageHeader
        title="Deductions"
        description="Every benefit write Perch has sent to Finch, held to Finch's deadline: 24 hours on automated connections, 2 business days on assisted ones."
      />
      <Card>
        <CardBody className="space-y-4">
          <DeductionChangeFilters counts={counts} active={filter} href={href} />
          <DeductionChangeList
            rows={rows}
            now={now}
            timeZone={timeZone}
            showEmployer
            empty="No deduction changes match. Changes are made on an employer's Deductions tab or through the data API."
          />
          {last ? (
            <Link
              className="text-sm font-medium text-brand-700 hover:underline"
              href={`${href(filter)}${filter ? "&" : "?"}before=${last.requestedAt.toISOString()}_${last.id}`}
            >
              Older changes →
            </Link>
          ) : null}
        </CardBody>
      </Card>
    </>
  );
}
