"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentConnection } from "@/db/queries/connections";
import { requestSync } from "@/lib/data-proxy/sync";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { protectedAction } from "@/lib/safe-action";

const syncNowInput = z.object({ employerId: z.uuid() });

/** Sync now: asks Finch for an on-demand data_sync_all on the employer's automated connection. */
export const syncNow = protectedAction(
  { role: "operator", schema: syncNowInput, name: "syncNow" },
  async ({ employerId }, { user }) => {
    const connection = await getCurrentConnection({ employerId });
    if (!connection || connection.status === "disconnected") {
      throw new AppError("conflict", "This employer has no live connection to sync.");
    }
    const result = await requestSync({
      connection,
      actor: { userId: user.id, email: user.email },
      timeZone: env().timeZone,
    });
    revalidatePath(`/employers/${employerId}`);
    return {
      alreadyRunning: result.alreadyRunning,
      remaining: result.quota.remainingRefreshes,
      retryAt: result.quota.retryAt,
    };
  },
);
