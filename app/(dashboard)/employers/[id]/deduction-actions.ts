"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requestDeductionChange } from "@/lib/deductions/changes";
import { deductionChangeRequestSchema, describeChange } from "@/lib/deductions/requests";
import { env } from "@/lib/env";
import { protectedAction } from "@/lib/safe-action";
import { formatDateTime } from "@/lib/status/relative-time";

const requestDeductionChangeInput = z.object({
  employerId: z.uuid(),
  /** Made once per confirmation dialog, so a double submit writes once. */
  idempotencyKey: z.string().min(8).max(200),
  request: deductionChangeRequestSchema,
  /** Names for the record's summary; ids stay the source of truth. */
  benefitName: z.string().max(200).nullish(),
  people: z.record(z.string(), z.string().max(200)).optional(),
});

/** Sends a deduction change from the Deductions tab (operators and admins). */
export const requestDeductionChangeAction = protectedAction(
  { role: "operator", schema: requestDeductionChangeInput, name: "requestDeductionChange" },
  async ({ employerId, idempotencyKey, request, benefitName, people }, { user }) => {
    const { change } = await requestDeductionChange({
      employerId,
      request,
      idempotencyKey,
      actor: { kind: "user", userId: user.id, label: user.email },
      summary: describeChange(request, {
        benefit: benefitName,
        people: new Map(Object.entries(people ?? {})),
      }),
    });
    revalidatePath(`/employers/${employerId}`);
    revalidatePath("/deductions");
    return {
      id: change.id,
      status: change.status,
      error: change.error,
      deadlineLabel: formatDateTime(change.deadlineAt, env().timeZone),
    };
  },
);
