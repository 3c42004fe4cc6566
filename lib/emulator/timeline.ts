import type { EmulatorContext } from "./context";
import type { Dataset } from "./data/dataset";
import type { Payment, PayStatement } from "./data/types";
import { directoryEntry } from "./data/views";
import { entitySubject, isMultiEntity } from "./entities";
import { initialSyncJobId, jobUrl } from "./jobs";
import {
  lastSuccessfulRefresh,
  refreshesBetween,
  transitionsBetween,
  type RefreshJob,
} from "./lifecycle";
import { groupsOf } from "./products";
import { benefitJobEvents } from "./routes/benefits";
import type { BenefitJobRecord, ConnectionRecord, JobRecord, W4JobRecord } from "./records";

interface TimedEvent {
  at: number;
  eventType: string;
  data: unknown;
  entityId?: string | null;
}

/** At most this many data-change events per sync, so a long clock jump stays digestible. */
const MAX_CHANGES_PER_SYNC = 25;
/** Pay statement events come one per person per pay run, so they are capped on their own. */
const MAX_STATEMENT_CHANGES_PER_SYNC = 25;
/** A new or removed person changes all three of Finch's person records at once. */
const PERSON_RECORDS = ["directory", "individual", "employment"] as const;
/** Only the most recent syncs of a long jump report data changes. */
const MAX_SYNCS_WITH_CHANGES = 60;

function lifecycleEvents(connection: ConnectionRecord, from: number, to: number): TimedEvent[] {
  const events: TimedEvent[] = [];
  events.push(...entityStatusEvents(connection, from, to));
  for (const transition of transitionsBetween(connection, from, to)) {
    if (transition.type === "status") {
      // A multi-entity connection reports status per entity (above).
      if (isMultiEntity(connection)) continue;
      events.push({
        at: transition.at,
        eventType: "account.updated",
        data: { status: transition.status, authentication_method: { type: connection.authMethod } },
      });
    } else if (connection.authMethod === "assisted" && transition.group !== "deductions") {
      const jobId = initialSyncJobId(connection.id, transition.group);
      events.push({
        at: transition.at,
        eventType:
          transition.group === "organization"
            ? "job.initial_data_sync_org.succeeded"
            : "job.initial_data_sync_payroll.succeeded",
        data: { job_id: jobId, job_url: jobUrl(connection.apiBaseUrl, jobId) },
      });
    }
  }
  return events;
}

function entityStatusEvents(connection: ConnectionRecord, from: number, to: number): TimedEvent[] {
  if (!isMultiEntity(connection)) return [];
  return (connection.entities ?? []).flatMap((entity) =>
    transitionsBetween(entitySubject(connection, entity), from, to).flatMap((transition) =>
      transition.type === "status"
        ? [
            {
              at: transition.at,
              entityId: entity.id,
              eventType: "account.updated",
              data: {
                status: transition.status,
                authentication_method: { type: connection.authMethod },
              },
            },
          ]
        : [],
    ),
  );
}

function peopleChanges(before: Dataset, after: Dataset, at: number): TimedEvent[] {
  const events: TimedEvent[] = [];
  if (JSON.stringify(before.company) !== JSON.stringify(after.company)) {
    events.push({ at, eventType: "company.updated", data: null });
  }
  const changed = (eventType: string, individualId: string) =>
    events.push({ at, eventType, data: { individual_id: individualId } });
  for (const person of after.people) {
    const previous = before.byId.get(person.id);
    if (!previous) {
      for (const kind of PERSON_RECORDS) changed(`${kind}.created`, person.id);
      continue;
    }
    if (JSON.stringify(directoryEntry(previous)) !== JSON.stringify(directoryEntry(person))) {
      changed("directory.updated", person.id);
    }
    if (JSON.stringify(previous.individual) !== JSON.stringify(person.individual)) {
      changed("individual.updated", person.id);
    }
    if (JSON.stringify(previous.employment) !== JSON.stringify(person.employment)) {
      changed("employment.updated", person.id);
    }
  }
  for (const person of before.people) {
    if (after.byId.has(person.id)) continue;
    for (const kind of PERSON_RECORDS) changed(`${kind}.deleted`, person.id);
  }
  return events.slice(0, MAX_CHANGES_PER_SYNC);
}

function statementEvents(
  eventType: string,
  paymentId: string,
  statements: readonly PayStatement[],
  at: number,
): TimedEvent[] {
  return statements.map((statement) => ({
    at,
    eventType,
    data: { payment_id: paymentId, individual_id: statement.individual_id },
  }));
}

/** What a change to any of a payment's statements or fields would move; cheaper than comparing it whole. */
function paymentFingerprint(payment: Payment): string {
  return [
    payment.pay_date,
    payment.debit_date,
    payment.pay_period.start_date,
    payment.pay_period.end_date,
    payment.gross_pay.amount,
    payment.net_pay.amount,
    payment.employee_taxes.amount,
    payment.employer_taxes.amount,
    payment.company_debit.amount,
    payment.individual_ids.length,
  ].join("|");
}

function paymentChanges(before: Dataset, after: Dataset, at: number): TimedEvent[] {
  const previous = new Map(before.payments().map((p) => [p.payment.id, p]));
  const current = new Map(after.payments().map((p) => [p.payment.id, p]));
  const payments: TimedEvent[] = [];
  const statements: TimedEvent[] = [];
  const paymentEvent = (eventType: string, payment: Payment) =>
    payments.push({
      at,
      eventType,
      data: { payment_id: payment.id, pay_date: payment.pay_date },
    });
  for (const { payment, statements: now } of current.values()) {
    const old = previous.get(payment.id);
    if (!old) {
      paymentEvent("payment.created", payment);
      statements.push(...statementEvents("pay_statement.created", payment.id, now, at));
      continue;
    }
    // A statement that changes moves the payment's totals, so an unchanged payment is skipped whole.
    if (paymentFingerprint(old.payment) === paymentFingerprint(payment)) continue;
    paymentEvent("payment.updated", payment);
    const oldByIndividual = new Map(old.statements.map((s) => [s.individual_id, s]));
    const nowIds = new Set(now.map((s) => s.individual_id));
    for (const statement of now) {
      const was = oldByIndividual.get(statement.individual_id);
      if (!was)
        statements.push(...statementEvents("pay_statement.created", payment.id, [statement], at));
      else if (JSON.stringify(was) !== JSON.stringify(statement))
        statements.push(...statementEvents("pay_statement.updated", payment.id, [statement], at));
    }
    const gone = old.statements.filter((s) => !nowIds.has(s.individual_id));
    statements.push(...statementEvents("pay_statement.deleted", payment.id, gone, at));
  }
  for (const { payment, statements: was } of previous.values()) {
    if (current.has(payment.id)) continue;
    paymentEvent("payment.deleted", payment);
    statements.push(...statementEvents("pay_statement.deleted", payment.id, was, at));
  }
  return [
    ...payments.slice(-MAX_CHANGES_PER_SYNC),
    ...statements.slice(-MAX_STATEMENT_CHANGES_PER_SYNC),
  ];
}

function dataChangeEvents(
  ctx: EmulatorContext,
  connection: ConnectionRecord,
  jobs: RefreshJob[],
  from: number,
  to: number,
): TimedEvent[] {
  const events: TimedEvent[] = [];
  const groups = groupsOf(connection.products);
  for (const group of groups) {
    if (group === "deductions") continue;
    const syncs = refreshesBetween(connection, jobs, group, from, to)
      .filter((r) => r.success)
      .slice(-MAX_SYNCS_WITH_CHANGES);
    for (const sync of syncs) {
      const previous = lastSuccessfulRefresh(connection, jobs, group, sync.at - 1);
      if (!previous) continue;
      const before = ctx.datasets.at(connection, previous.at);
      const after = ctx.datasets.at(connection, sync.at);
      events.push(
        ...(group === "organization"
          ? peopleChanges(before, after, sync.at)
          : paymentChanges(before, after, sync.at)),
      );
    }
  }
  return events;
}

/** Records grouped by their connection, in one pass (a tick must not scan every job per connection). */
function byConnection<T extends { connectionId: string }>(
  records: Record<string, T>,
): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const record of Object.values(records)) {
    const list = grouped.get(record.connectionId);
    if (list) list.push(record);
    else grouped.set(record.connectionId, [record]);
  }
  return grouped;
}

/**
 * Emits, in chronological order, every webhook due in (lastTickAt, now]: status changes,
 * readiness, finished jobs and data changes found by syncs. Returns the instant it evaluated.
 * It runs before every API answer, so its cost is linear in the state (jobs are indexed by
 * connection once per tick), and a tick that emits nothing does not rewrite the state file: the
 * next change persists the later lastTickAt, and an earlier one re-scans an interval with no events.
 */
export function runTick(ctx: EmulatorContext): number {
  const now = ctx.clock.now();
  const from = ctx.state.lastTickAt;
  if (from === null || now < from) {
    // First run, or the clock was set backwards: start counting from here.
    ctx.state.lastTickAt = now;
    ctx.store.changed();
    return now;
  }
  if (now === from) return now;
  const quiet = quietSpans.get(ctx.state);
  if (quiet && quiet.version === ctx.store.version && from >= quiet.from && now < quiet.until) {
    // Nothing can happen before `until` unless the state changes: no scan of every connection.
    ctx.state.lastTickAt = now;
    return now;
  }

  const jobsByConnection = byConnection(ctx.state.jobs);
  const w4JobsByConnection = byConnection(ctx.state.w4Jobs);
  const benefitJobsByConnection = byConnection(ctx.state.benefitJobs);
  let emitted = 0;
  for (const connection of Object.values(ctx.state.connections)) {
    const jobs = jobsByConnection.get(connection.id) ?? [];
    const events = lifecycleEvents(connection, from, now);
    for (const job of jobs) {
      if (!job.silent && job.completedAt > from && job.completedAt <= now) {
        events.push({
          at: job.completedAt,
          eventType: "job.data_sync_all.completed",
          data: { job_id: job.id, job_url: jobUrl(connection.apiBaseUrl, job.id) },
        });
      }
    }
    events.push(
      ...benefitJobEvents(
        ctx,
        connection,
        from,
        now,
        benefitJobsByConnection.get(connection.id) ?? [],
      ),
    );
    for (const job of w4JobsByConnection.get(connection.id) ?? []) {
      if (job.completedAt > from && job.completedAt <= now) {
        events.push({
          at: job.completedAt,
          eventType: "job.w4_form_employee_sync.completed",
          data: { job_id: job.id, job_url: jobUrl(connection.apiBaseUrl, job.id) },
        });
      }
    }
    if (ctx.webhooks.enabled) events.push(...dataChangeEvents(ctx, connection, jobs, from, now));
    events.sort((a, b) => a.at - b.at);
    for (const event of events)
      ctx.webhooks.enqueue({
        connection,
        entityId: event.entityId,
        eventType: event.eventType,
        data: event.data,
      });
    emitted += events.length;
  }
  ctx.state.lastTickAt = now;
  if (emitted > 0) ctx.store.changed();
  ctx.webhooks.kick();
  quietSpans.set(ctx.state, {
    version: ctx.store.version,
    from: now,
    until: nextEventAt(ctx, now, now + QUIET_LOOKAHEAD_MS, {
      jobs: jobsByConnection,
      w4Jobs: w4JobsByConnection,
      benefitJobs: benefitJobsByConnection,
    }),
  });
  return now;
}

/** How far ahead a tick looks for the next event it will have to emit. */
const QUIET_LOOKAHEAD_MS = 60_000;

/**
 * Per state: no event falls in (from, until) as long as the state is at `version`. Every
 * request ticks first, so without this each answer would scan every connection.
 */
const quietSpans = new WeakMap<object, { version: number; from: number; until: number }>();

/**
 * The earliest instant in (from, to] at which any connection has something to emit, or `to`
 * when none does. Data-change events can happen only at a successful sync, so every sync counts
 * (their contents are not worked out here).
 */
function nextEventAt(
  ctx: EmulatorContext,
  from: number,
  to: number,
  grouped: {
    jobs: Map<string, JobRecord[]>;
    w4Jobs: Map<string, W4JobRecord[]>;
    benefitJobs: Map<string, BenefitJobRecord[]>;
  },
): number {
  let earliest = to;
  const consider = (at: number) => {
    if (at > from && at < earliest) earliest = at;
  };
  for (const connection of Object.values(ctx.state.connections)) {
    const jobs = grouped.jobs.get(connection.id) ?? [];
    for (const event of lifecycleEvents(connection, from, to)) consider(event.at);
    for (const job of jobs) {
      if (!job.silent) consider(job.completedAt);
    }
    for (const job of grouped.w4Jobs.get(connection.id) ?? []) consider(job.completedAt);
    for (const job of grouped.benefitJobs.get(connection.id) ?? []) consider(job.completedAt);
    if (ctx.webhooks.enabled) {
      for (const group of groupsOf(connection.products)) {
        if (group === "deductions") continue;
        for (const sync of refreshesBetween(connection, jobs, group, from, to)) consider(sync.at);
      }
    }
  }
  return earliest;
}
