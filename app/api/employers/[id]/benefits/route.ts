import { handleDeductionWrite } from "@/lib/deductions/api";
import { createBenefitSchema } from "@/lib/deductions/requests";

export const dynamic = "force-dynamic";

/** POST /api/employers/<id>/benefits: create a company benefit at the employer's provider. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleDeductionWrite(request, id, createBenefitSchema, (payload) => ({
    kind: "create_benefit",
    benefitId: null,
    payload,
  }));
}
