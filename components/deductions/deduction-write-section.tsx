import {
  DeductionWritePanel,
  type WritePanelBenefit,
} from "@/components/deductions/deduction-write-panel";
import type { Connection } from "@/db/schema";
import { parseProductQuery } from "@/lib/data-proxy/params";
import { readProduct } from "@/lib/data-proxy/read";
import { deadlineRule } from "@/lib/deductions/view";

export interface DeductionWriteSectionProps {
  employerId: string;
  connection: Connection;
  actorLabel: string;
  benefits: WritePanelBenefit[];
}

/** The write form, with the employees to choose from (the first 500 of the directory). */
export async function DeductionWriteSection({
  employerId,
  connection,
  actorLabel,
  benefits,
}: DeductionWriteSectionProps) {
  const directory = await readProduct({
    connection,
    query: parseProductQuery("directory", { limit: "500" }),
    actor: { label: actorLabel },
  });
  const people =
    directory.kind === "ok"
      ? directory.data.individuals.map((p) => ({
          id: p.id,
          name: [p.first_name, p.last_name].filter(Boolean).join(" ") || p.id,
        }))
      : null;
  return (
    <DeductionWritePanel
      employerId={employerId}
      assisted={connection.assisted}
      benefits={benefits}
      people={people}
      deadlineRule={deadlineRule(connection.assisted)}
    />
  );
}
