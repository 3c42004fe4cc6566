"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordEvent } from "@/db/queries/events";
import { addIssueNote, getIssueById, setEmployerOwner, setIssueTriage } from "@/db/queries/issues";
import { getEmployerById } from "@/db/queries/employers";
import { getUserById } from "@/db/queries/users";
import { appNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { validateSnooze } from "@/lib/issues/lifecycle";
import { protectedAction } from "@/lib/safe-action";
import type { SessionUser } from "@/lib/session";

async function loadIssue(id: string) {
  const issue = await getIssueById({ id });
  if (!issue) throw new AppError("not_found", "That issue no longer exists.");
  return issue;
}

async function audit(
  user: SessionUser,
  issue: { id: string; employerId: string; connectionId: string },
  type: string,
  summary: string,
  data: Record<string, unknown> = {},
) {
  await recordEvent({
    occurredAt: await appNow(),
    source: "staff",
    type,
    employerId: issue.employerId,
    connectionId: issue.connectionId,
    actorUserId: user.id,
    actorLabel: user.email,
    summary,
    data: { issueId: issue.id, ...data },
  });
  revalidatePath("/issues");
  revalidatePath(`/issues/${issue.id}`);
}

async function activeUser(userId: string) {
  const owner = await getUserById({ id: userId });
  if (!owner || !owner.active) {
    throw new AppError("invalid_input", "Choose an active member of staff.", {
      fieldErrors: { ownerUserId: ["Choose an active member of staff."] },
    });
  }
  return owner;
}

export const acknowledgeIssue = protectedAction(
  { role: "operator", schema: z.object({ issueId: z.uuid() }), name: "acknowledgeIssue" },
  async ({ issueId }, { user }) => {
    const issue = await loadIssue(issueId);
    if (issue.state !== "open") throw new AppError("conflict", "This issue is already resolved.");
    const now = await appNow();
    await setIssueTriage({
      id: issueId,
      values: { acknowledgedAt: now, acknowledgedBy: user.id },
      now,
    });
    await audit(user, issue, "issue.acknowledged", `${user.email} acknowledged "${issue.title}"`);
    return { acknowledged: true };
  },
);

export const assignIssue = protectedAction(
  {
    role: "operator",
    schema: z.object({ issueId: z.uuid(), ownerUserId: z.union([z.uuid(), z.literal("")]) }),
    name: "assignIssue",
  },
  async ({ issueId, ownerUserId }, { user }) => {
    const issue = await loadIssue(issueId);
    const owner = ownerUserId ? await activeUser(ownerUserId) : null;
    await setIssueTriage({
      id: issueId,
      values: { ownerUserId: owner?.id ?? null },
      now: await appNow(),
    });
    await audit(
      user,
      issue,
      "issue.assigned",
      owner
        ? `${user.email} assigned "${issue.title}" to ${owner.email}`
        : `${user.email} unassigned "${issue.title}"`,
      { ownerUserId: owner?.id ?? null },
    );
    return { ownerUserId: owner?.id ?? null };
  },
);

export const snoozeIssue = protectedAction(
  {
    role: "operator",
    schema: z.object({
      issueId: z.uuid(),
      until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose the date the snooze ends"),
      reason: z.string().trim().max(500, "At most 500 characters"),
    }),
    name: "snoozeIssue",
  },
  async ({ issueId, until, reason }, { user }) => {
    const issue = await loadIssue(issueId);
    if (issue.state !== "open")
      throw new AppError("conflict", "A resolved issue cannot be snoozed.");
    const now = await appNow();
    // The snooze lasts until the start of that day (UTC), which is what the date picker means.
    const end = new Date(`${until}T00:00:00Z`);
    const problem = validateSnooze({ until: end, reason, now });
    if (problem) {
      const field = /why/.test(problem) ? "reason" : "until";
      throw new AppError("invalid_input", problem, { fieldErrors: { [field]: [problem] } });
    }
    await setIssueTriage({ id: issueId, values: { snoozedUntil: end, snoozeReason: reason }, now });
    await audit(
      user,
      issue,
      "issue.snoozed",
      `${user.email} snoozed "${issue.title}" until ${until}: ${reason}`,
      {
        until: end.toISOString(),
        reason,
      },
    );
    return { snoozedUntil: end.toISOString() };
  },
);

export const unsnoozeIssue = protectedAction(
  { role: "operator", schema: z.object({ issueId: z.uuid() }), name: "unsnoozeIssue" },
  async ({ issueId }, { user }) => {
    const issue = await loadIssue(issueId);
    await setIssueTriage({
      id: issueId,
      values: { snoozedUntil: null, snoozeReason: null },
      now: await appNow(),
    });
    await audit(
      user,
      issue,
      "issue.unsnoozed",
      `${user.email} ended the snooze of "${issue.title}"`,
    );
    return { snoozed: false };
  },
);

export const addNoteToIssue = protectedAction(
  {
    role: "operator",
    schema: z.object({
      issueId: z.uuid(),
      body: z.string().trim().min(1, "Write a note").max(2000, "At most 2,000 characters"),
    }),
    name: "addNoteToIssue",
  },
  async ({ issueId, body }, { user }) => {
    const issue = await loadIssue(issueId);
    await addIssueNote({
      issueId,
      authorUserId: user.id,
      authorLabel: user.email,
      body,
      createdAt: await appNow(),
    });
    await audit(user, issue, "issue.noted", `${user.email} added a note to "${issue.title}"`);
    return { noted: true };
  },
);

export const assignEmployerOwner = protectedAction(
  {
    role: "operator",
    schema: z.object({ employerId: z.uuid(), ownerUserId: z.union([z.uuid(), z.literal("")]) }),
    name: "assignEmployerOwner",
  },
  async ({ employerId, ownerUserId }, { user }) => {
    const employer = await getEmployerById({ id: employerId });
    if (!employer) throw new AppError("not_found", "That employer no longer exists.");
    const owner = ownerUserId ? await activeUser(ownerUserId) : null;
    const now = await appNow();
    await setEmployerOwner({ employerId, userId: owner?.id ?? null, now });
    await recordEvent({
      occurredAt: now,
      source: "staff",
      type: "employer.owner_changed",
      employerId,
      actorUserId: user.id,
      actorLabel: user.email,
      summary: owner
        ? `${user.email} made ${owner.email} the owner of ${employer.name}`
        : `${user.email} removed the owner of ${employer.name}`,
      data: { ownerUserId: owner?.id ?? null },
    });
    revalidatePath(`/employers/${employerId}`);
    revalidatePath("/issues");
    return { ownerUserId: owner?.id ?? null };
  },
);
