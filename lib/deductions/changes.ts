import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import {
  getConnectionById,
  getCurrentConnection,
  listConnectionGroups,
} from "@/db/queries/connections";
import {
  getDeductionChangeByJobId,
  insertDeductionChange,
  listChangesAwaitingReadBack,
  listOpenChangesWithJobs,
  recordChangeSent,
  recordVerification,
  updateOpenChange,
} from "@/db/queries/deduction-changes";
import { getEmployerById } from "@/db/queries/employers";
import { recordEvent } from "@/db/queries/events";
import type { Connection, DeductionChange } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { accessTokenFor } from "@/lib/connections/access-token";
import { writeRefusal } from "@/lib/deductions/readiness";
import {
  describeChange,
  individualsOf,
  readBackMismatches,
  type DeductionChangeRequest,
} from "@/lib/deductions/requests";
import {
  deductionDeadline,
  isOpen,
  jobCheckDue,
  nextStatus,
  statusFromJob,
  type ConfirmedBy,
  type DeductionChangeStatus,
} from "@/lib/deductions/rules";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  canReadBackEnrollments,
  fetchManualJob,
  readEnrollments,
  sendDeductionWrite,
} from "@/lib/finch/benefits";

/** Who asked for a change: a signed-in operator or admin, or a service with a write-scoped API key. */
export type ChangeActor =
  | { kind: "user"; userId: string; label: string }
  | { kind: "api_key"; apiKeyId: string; label: string };

export function requestOf(change: DeductionChange): DeductionChangeRequest {
  return {
    kind: change.kind,
    benefitId: change.benefitId,
    payload: change.request,
  } as DeductionChangeRequest;
}

function hashRequest(employerId: string, request: DeductionChangeRequest): string {
  return createHash("sha256")
    .update(JSON.stringify({ employerId, ...request }))
    .digest("hex");
}

async function changeEvent(
  change: DeductionChange,
  type: string,
  summary: string,
  at: Date,
  extra: { source?: "staff" | "system" | "webhook"; actor?: ChangeActor } = {},
): Promise<void> {
  await recordEvent({
    occurredAt: at,
    source: extra.source ?? "system",
    type,
    employerId: change.employerId,
    connectionId: change.connectionId,
    actorUserId: extra.actor?.kind === "user" ? extra.actor.userId : null,
    actorLabel: extra.actor?.label ?? null,
    summary,
    data: {
      deductionChangeId: change.id,
      kind: change.kind,
      status: change.status,
      finchJobId: change.finchJobId,
      deadlineAt: change.deadlineAt.toISOString(),
    },
  });
}

/** The employer's live connection, or the reason Perch will not write to it (before Finch is called). */
export async function writableConnection(employerId: string): Promise<Connection> {
  const employer = z.uuid().safeParse(employerId).success
    ? await getEmployerById({ id: employerId })
    : undefined;
  if (!employer) throw new AppError("not_found", "No employer with that id.");
  const connection = await getCurrentConnection({ employerId });
  if (!connection) {
    throw new AppError("conflict", "This employer has not connected through Finch yet.", {
      reason: "not_connected",
    });
  }
  const groups = await listConnectionGroups({ connectionId: connection.id });
  const refusal = writeRefusal({
    status: connection.status,
    assisted: connection.assisted,
    products: connection.products,
    hasToken: Boolean(connection.accessTokenCiphertext),
    deductionsReadyAt: groups.find((g) => g.group === "deductions")?.readyAt ?? null,
  });
  if (refusal) throw new AppError("conflict", refusal.message, { reason: refusal.reason });
  return connection;
}

/**
 * Records a deduction change and sends it to Finch. With an idempotency key, a repeat of the
 * same request returns the first change (`created: false`) and writes nothing; the same key
 * with a different request is refused.
 */
export async function requestDeductionChange(input: {
  employerId: string;
  request: DeductionChangeRequest;
  actor: ChangeActor;
  idempotencyKey?: string | null;
  summary?: string;
}): Promise<{ change: DeductionChange; created: boolean }> {
  const { employerId, request, actor } = input;
  const requestHash = hashRequest(employerId, request);
  const scope =
    input.idempotencyKey == null
      ? null
      : actor.kind === "api_key"
        ? `key:${actor.apiKeyId}`
        : `user:${actor.userId}`;

  const connection = await writableConnection(employerId);
  const now = await appNow();
  const { change, created } = await insertDeductionChange({
    employerId,
    connectionId: connection.id,
    kind: request.kind,
    benefitId: request.benefitId,
    request: request.payload,
    summary: input.summary ?? describeChange(request),
    individualCount: individualsOf(request).length,
    assisted: connection.assisted,
    status: "pending",
    requestedByUserId: actor.kind === "user" ? actor.userId : null,
    requestedByApiKeyId: actor.kind === "api_key" ? actor.apiKeyId : null,
    requestedByLabel: actor.label,
    idempotencyScope: scope,
    idempotencyKey: scope ? input.idempotencyKey : null,
    requestHash,
    requestedAt: now,
    deadlineAt: deductionDeadline({
      requestedAt: now,
      assisted: connection.assisted,
      timeZone: env().timeZone,
    }),
    createdAt: now,
    updatedAt: now,
  });
  if (!created) {
    if (change.requestHash !== requestHash) {
      throw new AppError(
        "conflict",
        "This Idempotency-Key was already used for a different request; use a new key for a new change.",
        { reason: "idempotency_key_reused", deductionChangeId: change.id },
      );
    }
    return { change, created: false };
  }

  const sent = await sendDeductionWrite(accessTokenFor(connection), request);
  if (!sent.ok) {
    const failed =
      (await updateOpenChange({
        id: change.id,
        status: "failed",
        at: now,
        confirmedBy: null,
        error: `Finch refused the write: ${sent.failure.message}`,
      })) ?? change;
    await changeEvent(
      failed,
      "deduction.failed",
      `Deduction change refused by Finch: ${failed.summary}`,
      now,
      {
        source: actor.kind === "user" ? "staff" : "system",
        actor,
      },
    );
    return { change: failed, created: true };
  }
  const recorded = await recordChangeSent({
    id: change.id,
    finchJobId: sent.value.jobId,
    benefitId: sent.value.benefitId,
    at: now,
  });
  await changeEvent(
    recorded,
    "deduction.requested",
    `Deduction change sent: ${recorded.summary}`,
    now,
    {
      source: actor.kind === "user" ? "staff" : "system",
      actor,
    },
  );
  return { change: recorded, created: true };
}

function jobError(body: unknown[] | null): string {
  const messages = (body ?? [])
    .map((item) =>
      item && typeof item === "object" && "message" in item ? String(item.message) : null,
    )
    .filter((m): m is string => Boolean(m));
  return messages.length
    ? `Finch's job ended in error: ${[...new Set(messages)].join("; ")}`
    : "Finch's job ended in error.";
}

/**
 * Asks Finch where a change's job stands and records any move. Ended changes stay ended; a
 * Finch failure just leaves the change for the next check.
 */
export async function confirmChangeFromJob(
  change: DeductionChange,
  via: ConfirmedBy,
  now: Date,
): Promise<DeductionChange | undefined> {
  if (!change.finchJobId || !isOpen(change.status as DeductionChangeStatus)) return undefined;
  const connection = await getConnectionById({ id: change.connectionId });
  if (!connection?.accessTokenCiphertext) return undefined;
  const job = await fetchManualJob(accessTokenFor(connection), change.finchJobId);
  const current = change.status as DeductionChangeStatus;
  const status = job.ok ? nextStatus(current, statusFromJob(job.value.status, current)) : current;
  const updated = await updateOpenChange({
    id: change.id,
    status,
    at: now,
    jobBody: job.ok ? job.value.body : undefined,
    confirmedBy: via,
    error: status === "failed" && job.ok ? jobError(job.value.body) : undefined,
  });
  if (!updated) return undefined;
  if (updated.status === "complete") {
    await changeEvent(
      updated,
      "deduction.complete",
      `Deduction change complete: ${updated.summary}`,
      now,
      {
        source: via === "webhook" ? "webhook" : "system",
      },
    );
    await verifyChange(updated, now);
  } else if (updated.status === "failed") {
    await changeEvent(
      updated,
      "deduction.failed",
      `Deduction change failed: ${updated.summary}`,
      now,
      {
        source: via === "webhook" ? "webhook" : "system",
      },
    );
  }
  return updated;
}

/**
 * Read-back: after a completed enrol or unenrol, reads the employees' enrolments and flags a
 * mismatch. Where the provider does not let Finch read deductions (assisted ones are
 * write-only) the change is marked not readable instead.
 */
export async function verifyChange(change: DeductionChange, now: Date): Promise<void> {
  if (change.status !== "complete" || !change.benefitId) return;
  if (change.kind !== "enroll" && change.kind !== "unenroll") return;
  const connection = await getConnectionById({ id: change.connectionId });
  if (!connection?.accessTokenCiphertext) return;
  const token = accessTokenFor(connection);
  const readable = await canReadBackEnrollments(token, {
    providerId: connection.providerId,
    authMethod: connection.authMethod,
    benefitId: change.benefitId,
  });
  if (!readable.ok) return;
  if (!readable.value) {
    await recordVerification({ id: change.id, verification: "not_readable", detail: [], at: now });
    return;
  }
  const request = requestOf(change);
  const observed = await readEnrollments(token, change.benefitId, individualsOf(request));
  if (!observed.ok) return;
  const mismatches = readBackMismatches(request, observed.value);
  const verified = await recordVerification({
    id: change.id,
    verification: mismatches.length ? "mismatch" : "matched",
    detail: mismatches,
    at: now,
  });
  if (verified && mismatches.length) {
    await changeEvent(
      verified,
      "deduction.mismatch",
      `Read-back does not match the change (${mismatches.length}): ${verified.summary}`,
      now,
    );
  }
}

/** A `job.benefit_*` webhook: confirm the change that job carries. */
export async function applyBenefitJobWebhook(
  jobId: unknown,
  now: Date,
): Promise<{ applied: boolean; detail: string }> {
  if (typeof jobId !== "string" || !jobId)
    return { applied: false, detail: "No job id in the event." };
  const change = await getDeductionChangeByJobId({ finchJobId: jobId });
  if (!change) return { applied: false, detail: "No deduction change has this Finch job." };
  const updated = await confirmChangeFromJob(change, "webhook", now);
  return {
    applied: true,
    detail: updated ? `Deduction change is now ${updated.status}.` : "Deduction change unchanged.",
  };
}

const CHECK_BATCH = 100;
const READ_BACK_BATCH = 20;

/**
 * The sweep's hook: checks open changes whose cadence is due, then reads back completed ones
 * not yet verified. It never throws: one change's failure never stops the others, and a
 * failure here never stops the status sweep that calls it.
 */
export async function checkDeductionChanges({
  now,
}: {
  now: Date;
}): Promise<{ checked: number; verified: number }> {
  try {
    return await checkDueChanges(now);
  } catch (error) {
    console.error("[perch] deduction change checks failed:", error);
    return { checked: 0, verified: 0 };
  }
}

async function checkDueChanges(now: Date): Promise<{ checked: number; verified: number }> {
  let checked = 0;
  let verified = 0;
  const open = await listOpenChangesWithJobs({ limit: CHECK_BATCH });
  for (const change of open) {
    const due = jobCheckDue(
      {
        status: change.status as DeductionChangeStatus,
        assisted: change.assisted,
        lastCheckedAt: change.lastCheckedAt,
        deadlineAt: change.deadlineAt,
      },
      now,
    );
    if (!due) continue;
    try {
      await confirmChangeFromJob(change, "job", now);
      checked += 1;
    } catch (error) {
      console.error(`[perch] checking deduction change ${change.id} failed:`, error);
    }
  }
  for (const change of await listChangesAwaitingReadBack({ limit: READ_BACK_BATCH })) {
    try {
      await verifyChange(change, now);
      verified += 1;
    } catch (error) {
      console.error(`[perch] reading back deduction change ${change.id} failed:`, error);
    }
  }
  return { checked, verified };
}
