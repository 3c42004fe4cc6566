import Link from "next/link";
import { countEntityTotals } from "@/db/queries/entities";
import { entitySummary } from "@/lib/status/entities";

/** The overview's line about multi-entity employers; nothing when there are none. */
export async function EntityOverview() {
  const totals = await countEntityTotals();
  if (totals.employers === 0) return null;
  return (
    <p className="mt-6 rounded-lg border border-slate-200 bg-white px-5 py-3 text-sm text-slate-700">
      <span className="font-medium text-slate-900">
        {totals.employers.toLocaleString("en-GB")} multi-entity employer
        {totals.employers === 1 ? "" : "s"}
      </span>
      : {entitySummary({ total: totals.entities, needsAttention: totals.needsAttention })}.{" "}
      <Link href="/employers" className="font-medium text-brand-700 hover:underline">
        Employers →
      </Link>
    </p>
  );
}
