import { handleDeductionWrite } from "@/lib/deductions/api";
import { createBenefitSchema } from "@/lib/deductions/requests";

export const dynamic = "force-dynamic";

/** POST /api/employers/<id>/benefits/register: register an existing benefit with Finch (assisted). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleDeductionWrite(request, id, createBenefitSchema, (payload) => ({
    kind: "register_benefit",
    benefitId: null,
    payload,
  }));
}
