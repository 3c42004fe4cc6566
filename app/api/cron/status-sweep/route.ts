import { timingSafeEqual } from "node:crypto";
import { AppError, errorResponse } from "@/lib/errors";
import { env } from "@/lib/env";
import { runFollowUp } from "@/lib/issues/run";
import { runSweep } from "@/lib/monitoring/sweep";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

function authorised(header: string | null, secret: string | undefined): boolean {
  if (!secret || !header) return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Vercel Cron calls this with `Authorization: Bearer $CRON_SECRET`; self-hosted runs a loop. */
export async function GET(request: Request): Promise<Response> {
  try {
    if (!authorised(request.headers.get("authorization"), env().cronSecret)) {
      throw new AppError("unauthenticated", "A valid CRON_SECRET bearer token is required.");
    }
    const { checks: _checks, ...report } = await runSweep({ maxPauseMs: 20_000 });
    const followUp = await runFollowUp();
    return Response.json({ ...report, followUp });
  } catch (error) {
    return errorResponse(error, "status sweep cron");
  }
}
