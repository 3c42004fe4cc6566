import "server-only";
import { revokeInviteRow } from "@/db/queries/invites";
import { getEmployerById } from "@/db/queries/employers";
import {
  enqueueDeliveries,
  lastReminderNumber,
  listReminderCandidates,
} from "@/db/queries/notifications";
import { env } from "@/lib/env";
import { dueReminder, employerWait, EMPLOYER_WAIT_STATUSES } from "@/lib/issues/reminders";
import { reminderMessage } from "@/lib/notifications/compose";
import { getBranding } from "@/lib/notifications/branding";
import { getNotificationSettings } from "@/lib/notifications/store";
import { getConnectDefaults } from "@/lib/onboarding/defaults";
import { createInviteLink, inviteUrl } from "@/lib/onboarding/invites";
import { providerName } from "@/lib/onboarding/providers";
import { describeStatus } from "@/lib/status/catalogue";

export const REMINDER_ACTOR = { userId: null, label: "Perch (employer reminder)" };

const INVITE_INSTRUCTIONS =
  "Open the link, choose your HR or payroll provider in Finch Connect and follow the steps it shows.";

/**
 * Sends the reminders due at `now` to employers Perch is waiting on (see lib/issues/reminders).
 * Each carries a fresh invite link (Perch keeps only a fingerprint of older ones) and the
 * provider's next step. A reminder is keyed on the wait and its number, so it is sent once;
 * when the wait ends, the employer is no longer a candidate and reminders stop.
 */
export async function sendDueReminders({
  now,
  pageSize = 200,
}: {
  now: Date;
  pageSize?: number;
}): Promise<{ enqueued: number }> {
  const settings = await getNotificationSettings();
  if (!settings.remindersEnabled) return { enqueued: 0 };
  const [branding, defaults] = await Promise.all([getBranding(), getConnectDefaults()]);
  let enqueued = 0;
  for (let after: string | undefined; ;) {
    const page = await listReminderCandidates({
      now,
      statuses: EMPLOYER_WAIT_STATUSES,
      after,
      limit: pageSize,
    });
    for (const candidate of page) {
      const wait = employerWait(candidate);
      if (!wait) continue;
      const thread = `reminder:${candidate.employerId}:${wait.since.toISOString()}`;
      const reminder = dueReminder({
        since: wait.since,
        lastSent: await lastReminderNumber({ thread }),
        now,
        days: settings.reminderDays,
      });
      if (reminder === null) continue;
      const employer = await getEmployerById({ id: candidate.employerId });
      if (!employer) continue;
      const provider = candidate.providerId
        ? ((await providerName(candidate.providerId)) ?? candidate.providerId)
        : null;
      const { invite, token } = await createInviteLink({
        employer,
        products: defaults.products,
        manual: defaults.manual,
        days: defaults.inviteDays,
        actor: REMINDER_ACTOR,
        // Waiting on a connection's status: the link shows that connection and its next step.
        connectionId: wait.reason === "invite_unused" ? null : candidate.connectionId,
      });
      const [row] = await enqueueDeliveries([
        reminderMessage({
          employerId: employer.id,
          employerName: employer.name,
          companyName: branding.companyName,
          contactEmail: candidate.contactEmail,
          reason: wait.reason,
          since: wait.since,
          reminder,
          instructions:
            wait.reason === "invite_unused"
              ? INVITE_INSTRUCTIONS
              : describeStatus(candidate.status, { providerName: provider }).employerAction,
          inviteUrl: inviteUrl(env().publicUrl, token),
          now,
        }),
      ]);
      if (row) {
        enqueued += 1;
      } else {
        // Another instance sent this reminder first: its link is the one the employer gets.
        await revokeInviteRow({ id: invite.id, employerId: employer.id, at: now });
      }
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1].employerId;
  }
  return { enqueued };
}
