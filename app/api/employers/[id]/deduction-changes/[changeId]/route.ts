import { handleDeductionChangeRead } from "@/lib/deductions/api";

export const dynamic = "force-dynamic";

/** GET /api/employers/<id>/deduction-changes/<changeId>: a change's status, deadline and outcome. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string; changeId: string }> },
) {
  const { id, changeId } = await params;
  return handleDeductionChangeRead(request, id, changeId);
}
