/**
 * When each SLA alert begins, as instants, so that "needs attention" is true at the moment of
 * reading without any sweep: the rules in `sla.ts` are all of the form "now is past some
 * instant that only moves when a record changes". This module computes those instants from the
 * same records; storing them (recomputed whenever the records change) and comparing them with
 * `now` in a query gives exactly what `slaAlerts` gives at that `now`.
 *
 * An alert holds from its instant on (`now >= at`). The rules in `sla.ts` are strict ("more than
 * 1 business day", "past the expected instant", "older than cadence plus grace"), so those
 * instants are the threshold plus one millisecond, the precision of a Date.
 * Event-driven kinds (the employer must act, re-authentication) hold from the status change.
 * A disconnected connection raises nothing, so its schedule is empty.
 */

import { addBusinessDays } from "@/lib/status/calendar";
import { normalizeStatus } from "@/lib/status/catalogue";
import { connectionCountdowns } from "@/lib/status/countdown";
import { freshness } from "@/lib/status/freshness";
import type { AlertKind, SlaInput } from "@/lib/status/sla";

export type AttentionSchedule = Record<AlertKind, Date | null>;

export type AttentionScheduleInput = Omit<SlaInput, "now">;

export const ATTENTION_KINDS: readonly AlertKind[] = [
  "pending_too_long",
  "configuration_overdue",
  "employer_action_needed",
  "reauth_needed",
  "stale_data",
];

export const EMPTY_SCHEDULE: AttentionSchedule = {
  pending_too_long: null,
  configuration_overdue: null,
  employer_action_needed: null,
  reauth_needed: null,
  stale_data: null,
};

const justAfter = (at: Date) => new Date(at.getTime() + 1);

function earliest(instants: (Date | null)[]): Date | null {
  return instants.reduce<Date | null>(
    (min, at) => (at && (!min || at.getTime() < min.getTime()) ? at : min),
    null,
  );
}

/** The instant from which each alert kind holds for this connection, or null when it never will
 *  without a change to the records. */
export function attentionSchedule(input: AttentionScheduleInput): AttentionSchedule {
  const status = normalizeStatus(input.status);
  if (status === "disconnected") return { ...EMPTY_SCHEDULE };
  const { statusChangedAt, timeZone } = input;

  const pending =
    status === "pending" ? justAfter(addBusinessDays(statusChangedAt, 1, timeZone)) : null;
  const employerMustAct =
    status === "error_no_account_setup" || status === "error_permissions" ? statusChangedAt : null;
  const reauth = status === "reauth" ? statusChangedAt : null;

  // The countdown's expected instant does not depend on `now`; any `now` reads it.
  const overdue = earliest(
    connectionCountdowns({ ...input, now: statusChangedAt })
      .filter((countdown) => countdown.phase !== "ready" && countdown.expectedReadyAt)
      .map((countdown) => justAfter(countdown.expectedReadyAt!)),
  );

  const stale = earliest(
    input.products.map((product) => {
      const record = input.freshnessByProduct[product];
      if (!record?.retrievedAt) return null;
      const { staleAt } = freshness({ ...record, assisted: input.assisted, now: statusChangedAt });
      return staleAt ? justAfter(staleAt) : null;
    }),
  );

  return {
    pending_too_long: pending,
    configuration_overdue: overdue,
    employer_action_needed: employerMustAct,
    reauth_needed: reauth,
    stale_data: stale,
  };
}

/** The first instant at which any alert holds (what the "needs attention" filter compares). */
export function attentionBeginsAt(schedule: AttentionSchedule): Date | null {
  return earliest(ATTENTION_KINDS.map((kind) => schedule[kind]));
}

/** The kinds that hold at `now`, in rule order: the same set `slaAlerts` raises at `now`. */
export function kindsDueAt(schedule: AttentionSchedule, now: Date): AlertKind[] {
  return ATTENTION_KINDS.filter((kind) => {
    const at = schedule[kind];
    return at !== null && at.getTime() <= now.getTime();
  });
}

export interface AttentionInstants {
  attentionAt: Date | null;
  pendingTooLongAt: Date | null;
  configurationOverdueAt: Date | null;
  employerActionNeededAt: Date | null;
  reauthNeededAt: Date | null;
  staleDataAt: Date | null;
}

/** The schedule as the instants stored per employer (null schedule: no connection). */
export function attentionInstants(schedule: AttentionSchedule | null): AttentionInstants {
  const s = schedule ?? EMPTY_SCHEDULE;
  return {
    attentionAt: attentionBeginsAt(s),
    pendingTooLongAt: s.pending_too_long,
    configurationOverdueAt: s.configuration_overdue,
    employerActionNeededAt: s.employer_action_needed,
    reauthNeededAt: s.reauth_needed,
    staleDataAt: s.stale_data,
  };
}

/** The kinds that hold at `now` for an employer's stored instants (list rows, CSV export). */
export function kindsDueFromInstants(instants: AttentionInstants, now: Date): AlertKind[] {
  return kindsDueAt(
    {
      pending_too_long: instants.pendingTooLongAt,
      configuration_overdue: instants.configurationOverdueAt,
      employer_action_needed: instants.employerActionNeededAt,
      reauth_needed: instants.reauthNeededAt,
      stale_data: instants.staleDataAt,
    },
    now,
  );
}
