import type { Metadata } from "next";
import Link from "next/link";
import {
  NotificationSettingsForm,
  SendTestButtons,
} from "@/components/settings/notification-settings-form";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { env } from "@/lib/env";
import { ISSUE_KIND_LABELS, ISSUE_KINDS } from "@/lib/issues/kinds";
import { getNotificationSettings } from "@/lib/notifications/store";
import { requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationSettingsPage() {
  await requirePageUser("admin", "/settings/notifications");
  const settings = await getNotificationSettings();
  const { notifications } = env();
  const channels = [
    { channel: "email" as const, label: "E-mail", configured: Boolean(notifications.smtpUrl) },
    {
      channel: "slack" as const,
      label: "Slack",
      configured: Boolean(notifications.slackWebhookUrl),
    },
    {
      channel: "webhook" as const,
      label: "Webhook",
      configured: Boolean(notifications.webhookUrl),
    },
  ];
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        breadcrumb={<Link href="/settings">Settings</Link>}
        title="Notifications"
        description="Who hears about issues, and employer reminders. Channels are set up with SMTP_URL, SLACK_WEBHOOK_URL and PERCH_WEBHOOK_URL; a channel that is not configured still records its messages in the Outbox."
      />
      <Card>
        <NotificationSettingsForm
          kinds={ISSUE_KINDS.map((kind) => ({ kind, label: ISSUE_KIND_LABELS[kind] }))}
          channels={channels}
          settings={settings}
        />
      </Card>
      <Card>
        <CardHeader
          title="Send a test"
          description="One message through one channel, now. It is logged in the Outbox."
        />
        <SendTestButtons channels={channels} />
      </Card>
    </div>
  );
}
