import "server-only";
import { enqueueDeliveries, getDelivery } from "@/db/queries/notifications";
import type { DeliveryStatus, Employer, Invite } from "@/db/schema";
import { getBranding } from "@/lib/notifications/branding";
import { inviteMessage } from "@/lib/notifications/compose";
import { deliverDue } from "@/lib/notifications/deliver";

/**
 * E-mails an invite link to the employer's contact now, through the outbox (so it is logged,
 * retried if SMTP fails, and shown in the Outbox when SMTP is not configured).
 */
export async function emailInvite({
  employer,
  invite,
  url,
  reauth,
  now,
}: {
  employer: Employer;
  invite: Invite;
  url: string;
  reauth: boolean;
  now: Date;
}): Promise<DeliveryStatus | null> {
  if (!employer.contactEmail) return null;
  const { companyName } = await getBranding();
  const [row] = await enqueueDeliveries([
    inviteMessage({
      inviteId: invite.id,
      employerId: employer.id,
      employerName: employer.name,
      companyName,
      contactEmail: employer.contactEmail,
      inviteUrl: url,
      expiresAt: invite.expiresAt,
      reauth,
      now,
    }),
  ]);
  if (!row) return null;
  await deliverDue({ ids: [row.id] });
  return (await getDelivery({ id: row.id }))?.status ?? "pending";
}
