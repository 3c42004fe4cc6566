"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentConnection } from "@/db/queries/connections";
import { recordEvent } from "@/db/queries/events";
import { appNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { refreshConnectionNow } from "@/lib/monitoring/sweep";
import { protectedAction } from "@/lib/safe-action";
import { describeStatus } from "@/lib/status/catalogue";

const refreshInput = z.object({ employerId: z.uuid() });

/** "Refresh status now": the sweep's check for one employer, outside its schedule. */
export const refreshEmployerStatus = protectedAction(
  { role: "operator", schema: refreshInput, name: "refreshEmployerStatus" },
  async ({ employerId }, { user }) => {
    const connection = await getCurrentConnection({ employerId });
    if (!connection) throw new AppError("not_found", "This employer has no Finch connection yet.");
    if (!connection.accessTokenCiphertext) {
      throw new AppError("conflict", "This connection is disconnected; there is nothing to check.");
    }
    const check = await refreshConnectionNow({ connectionId: connection.id });
    if (!check) {
      throw new AppError("conflict", "A status check of this connection is already running.");
    }
    const label = check.status ? describeStatus(check.status).label : null;
    const message = check.ok
      ? `Finch reports ${label}${check.changed ? " (changed)" : ""}.`
      : `Finch could not be asked: ${check.error}`;
    await recordEvent({
      occurredAt: await appNow(),
      source: "staff",
      type: "connection.refreshed",
      employerId,
      connectionId: connection.id,
      actorUserId: user.id,
      actorLabel: user.email,
      summary: `Refreshed the connection status: ${check.ok ? label : "check failed"}`,
      data: { ok: check.ok, status: check.status, changed: check.changed },
    });
    revalidatePath(`/employers/${employerId}`);
    return { message, ok: check.ok };
  },
);
