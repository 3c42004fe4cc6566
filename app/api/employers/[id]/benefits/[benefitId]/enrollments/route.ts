import { handleDeductionWrite } from "@/lib/deductions/api";
import { enrollSchema } from "@/lib/deductions/requests";

export const dynamic = "force-dynamic";

/**
 * POST /api/employers/<id>/benefits/<benefitId>/enrollments: enroll employees, or change their
 * contribution (Finch's enrolment is an overwrite).
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ id: string; benefitId: string }> },
) {
  const { id, benefitId } = await params;
  return handleDeductionWrite(request, id, enrollSchema, (payload) => ({
    kind: "enroll",
    benefitId,
    payload,
  }));
}
