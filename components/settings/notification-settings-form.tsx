"use client";

import { useActionState, useState, useTransition } from "react";
import {
  saveNotificationSettingsAction,
  sendTestNotification,
} from "@/app/(dashboard)/settings/notifications/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { NotificationChannel } from "@/db/schema";
import type { ActionState } from "@/lib/safe-action";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";

export interface NotificationSettingsFormProps {
  kinds: { kind: string; label: string }[];
  channels: { channel: NotificationChannel; label: string; configured: boolean }[];
  settings: {
    routes: Record<string, NotificationChannel[]>;
    ownerEmail: string | null;
    dailyDigest: boolean;
    remindersEnabled: boolean;
    reminderDays: number[];
  };
}

export function NotificationSettingsForm({
  kinds,
  channels,
  settings,
}: NotificationSettingsFormProps) {
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(
    saveNotificationSettingsAction,
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form
      action={formAction}
      className="space-y-6 px-5 py-5"
      noValidate
      aria-label="Notification settings"
    >
      {state?.ok ? <Alert tone="success">Saved.</Alert> : null}
      {state && !state.ok && !errors ? <Alert tone="danger">{state.error}</Alert> : null}
      <fieldset className="min-w-0">
        <legend className="text-sm font-medium text-slate-900">Which issues go where</legend>
        <Table caption="Where each issue kind is sent" className="mt-2">
          <TableHead>
            <TableRow>
              <TableHeader>Issue kind</TableHeader>
              {channels.map((c) => (
                <TableHeader key={c.channel}>
                  {c.label}
                  {c.configured ? "" : " (not configured)"}
                </TableHeader>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {kinds.map(({ kind, label }) => (
              <TableRow key={kind}>
                <TableCell className="text-slate-700">{label}</TableCell>
                {channels.map((c) => (
                  <TableCell key={c.channel}>
                    <input
                      type="checkbox"
                      name={`route_${kind}[]`}
                      value={c.channel}
                      aria-label={`${label} by ${c.label}`}
                      defaultChecked={settings.routes[kind]?.includes(c.channel)}
                      className="rounded border-slate-300"
                    />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </fieldset>
      <Field
        label="Owner e-mail"
        htmlFor="owner-email"
        hint="Where e-mail about an issue goes when its employer has no owner, and the daily digest."
        error={errors?.ownerEmail}
      >
        <Input
          id="owner-email"
          name="ownerEmail"
          type="email"
          defaultValue={settings.ownerEmail ?? ""}
        />
      </Field>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          name="dailyDigest"
          defaultChecked={settings.dailyDigest}
          className="rounded border-slate-300"
        />
        Send a daily digest of unresolved issues to the owner e-mail
      </label>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          name="remindersEnabled"
          defaultChecked={settings.remindersEnabled}
          className="rounded border-slate-300"
        />
        Remind employers by e-mail while Perch is waiting on them
      </label>
      <Field
        label="Reminder schedule (days after the wait began)"
        htmlFor="reminder-days"
        hint="Comma-separated, e.g. 2, 5, 9: one reminder each, at most five."
        error={errors?.reminderDays}
      >
        <Input
          id="reminder-days"
          name="reminderDays"
          defaultValue={settings.reminderDays.join(", ")}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        Save notification settings
      </Button>
    </form>
  );
}

export function SendTestButtons({
  channels,
}: {
  channels: NotificationSettingsFormProps["channels"];
}) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<string | null>(null);
  return (
    <div className="space-y-3 px-5 py-5">
      <div className="flex flex-wrap gap-2">
        {channels.map((c) => (
          <Button
            key={c.channel}
            variant="secondary"
            size="sm"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const outcome = await sendTestNotification(null, { channel: c.channel });
                setResult(
                  !outcome.ok
                    ? outcome.error
                    : outcome.data.status === "sent"
                      ? `${c.label}: sent.`
                      : outcome.data.status === "not_configured"
                        ? `${c.label} is not configured; the test is in the Outbox.`
                        : `${c.label}: failed (${outcome.data.error ?? "unknown error"}); Perch will retry.`,
                );
              })
            }
          >
            Send test {c.label.toLowerCase()}
          </Button>
        ))}
      </div>
      {result ? (
        <p role="status" className="text-sm text-slate-700">
          {result}
        </p>
      ) : null}
    </div>
  );
}
