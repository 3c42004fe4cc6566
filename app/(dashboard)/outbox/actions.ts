"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordEvent } from "@/db/queries/events";
import { getDelivery, requeueDelivery } from "@/db/queries/notifications";
import { appNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { deliverDue } from "@/lib/notifications/deliver";
import { protectedAction } from "@/lib/safe-action";

/** Sends one logged message again, now; webhooks keep their webhook-id so receivers can dedupe. */
export const replayDelivery = protectedAction(
  {
    role: "operator",
    schema: z.object({ deliveryId: z.coerce.number().int().positive() }),
    name: "replayDelivery",
  },
  async ({ deliveryId }, { user }) => {
    const delivery = await getDelivery({ id: deliveryId });
    if (!delivery) throw new AppError("not_found", "That message is not in the log.");
    const queued = await requeueDelivery({ id: deliveryId, now: new Date() });
    if (!queued) throw new AppError("conflict", "That message is already waiting to be sent.");
    const report = await deliverDue({ ids: [deliveryId] });
    await recordEvent({
      occurredAt: await appNow(),
      source: "staff",
      type: "notification.replayed",
      employerId: delivery.employerId,
      actorUserId: user.id,
      actorLabel: user.email,
      summary: `${user.email} replayed a ${delivery.channel} message: ${delivery.subject}`,
      data: { deliveryId, report },
    });
    revalidatePath("/outbox");
    return report;
  },
);
