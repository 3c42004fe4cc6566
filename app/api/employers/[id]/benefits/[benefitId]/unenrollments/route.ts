import { handleDeductionWrite } from "@/lib/deductions/api";
import { unenrollSchema } from "@/lib/deductions/requests";

export const dynamic = "force-dynamic";

/** POST /api/employers/<id>/benefits/<benefitId>/unenrollments: stop employees' deductions. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ id: string; benefitId: string }> },
) {
  const { id, benefitId } = await params;
  return handleDeductionWrite(request, id, unenrollSchema, (payload) => ({
    kind: "unenroll",
    benefitId,
    payload,
  }));
}
