"use client";

import { useActionState, useState, useTransition } from "react";
import {
  acknowledgeIssue,
  addNoteToIssue,
  assignIssue,
  snoozeIssue,
  unsnoozeIssue,
} from "@/app/(dashboard)/issues/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { ActionState } from "@/lib/safe-action";

export interface IssueTriageProps {
  issue: {
    id: string;
    resolved: boolean;
    acknowledged: boolean;
    snoozed: boolean;
    ownerUserId: string | null;
  };
  people: { id: string; label: string }[];
  /** Tomorrow in the app's clock, yyyy-mm-dd: the earliest snooze end. */
  minSnoozeDate: string;
}

/** Acknowledge, assign, snooze and add a note: the operator's controls on one issue. */
export function IssueTriage({ issue, people, minSnoozeDate }: IssueTriageProps) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [snoozeState, snoozeAction, snoozing] = useActionState<ActionState<unknown>, FormData>(
    snoozeIssue,
    null,
  );
  const [noteState, noteAction, noting] = useActionState<ActionState<unknown>, FormData>(
    addNoteToIssue,
    null,
  );

  function run(action: () => Promise<{ ok: boolean; error?: string }>) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setError(result.error ?? "That did not work.");
    });
  }

  // Controlled, so a rejected snooze keeps what was typed (React resets uncontrolled forms).
  const [until, setUntil] = useState("");
  const [reason, setReason] = useState("");
  const snoozeErrors = snoozeState && !snoozeState.ok ? snoozeState.fieldErrors : undefined;
  const noteErrors = noteState && !noteState.ok ? noteState.fieldErrors : undefined;

  return (
    <div className="space-y-6">
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <div className="flex flex-wrap items-end gap-3">
        {!issue.resolved && !issue.acknowledged ? (
          <Button
            disabled={pending}
            onClick={() => run(() => acknowledgeIssue(null, { issueId: issue.id }))}
          >
            Acknowledge
          </Button>
        ) : null}
        <div className="w-64">
          <Field label="Owner" htmlFor={`owner-${issue.id}`}>
            <Select
              id={`owner-${issue.id}`}
              defaultValue={issue.ownerUserId ?? ""}
              disabled={pending}
              onChange={(e) =>
                run(() => assignIssue(null, { issueId: issue.id, ownerUserId: e.target.value }))
              }
            >
              <option value="">Unassigned</option>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.label}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {issue.snoozed ? (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() => run(() => unsnoozeIssue(null, { issueId: issue.id }))}
          >
            End snooze
          </Button>
        ) : null}
      </div>

      {!issue.resolved ? (
        <form action={snoozeAction} className="flex flex-wrap items-start gap-3" noValidate>
          <input type="hidden" name="issueId" value={issue.id} />
          <Field label="Snooze until" htmlFor="snooze-until" error={snoozeErrors?.until}>
            <Input
              id="snooze-until"
              name="until"
              type="date"
              min={minSnoozeDate}
              required
              value={until}
              onChange={(e) => setUntil(e.target.value)}
            />
          </Field>
          <Field
            label="Reason"
            htmlFor="snooze-reason"
            error={snoozeErrors?.reason}
            className="min-w-64 flex-1"
          >
            <Input
              id="snooze-reason"
              name="reason"
              placeholder="e.g. employer on holiday"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Field>
          <Button type="submit" variant="secondary" className="mt-6" disabled={snoozing}>
            Snooze
          </Button>
          {snoozeState && !snoozeState.ok && !snoozeErrors ? (
            <Alert tone="danger">{snoozeState.error}</Alert>
          ) : null}
        </form>
      ) : null}

      <form action={noteAction} className="space-y-2" noValidate>
        <input type="hidden" name="issueId" value={issue.id} />
        <Field label="Add a note" htmlFor="issue-note" error={noteErrors?.body}>
          <textarea
            id="issue-note"
            name="body"
            rows={3}
            className="block w-full rounded-md px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300"
          />
        </Field>
        <Button type="submit" variant="secondary" size="sm" disabled={noting}>
          Add note
        </Button>
      </form>
    </div>
  );
}
