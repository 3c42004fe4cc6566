import { handleDeductionWrite } from "@/lib/deductions/api";
import { updateBenefitSchema } from "@/lib/deductions/requests";

export const dynamic = "force-dynamic";

/** POST /api/employers/<id>/benefits/<benefitId>: rename a company benefit. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ id: string; benefitId: string }> },
) {
  const { id, benefitId } = await params;
  return handleDeductionWrite(request, id, updateBenefitSchema, (payload) => ({
    kind: "update_benefit",
    benefitId,
    payload,
  }));
}
