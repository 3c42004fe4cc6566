import type { EmulatorContext } from "./context";
import type { Dataset } from "./data/dataset";
import { entitySubject, isMultiEntity } from "./entities";
import { initialSyncJobId, jobsOf, jobUrl } from "./jobs";
import {
  lastSuccessfulRefresh,
  refreshesBetween,
  transitionsBetween,
  type RefreshJob,
} from "./lifecycle";
import { groupsOf } from "./products";
import { benefitJobEvents } from "./routes/benefits";
import type { ConnectionRecord } from "./records";

interface TimedEvent {
  at: number;
  eventType: string;
  data: unknown;
  entityId?: string | null;
}

/** At most this many data-change events per sync, so a long clock jump stays digestible. */
const MAX_CHANGES_PER_SYNC = 25;
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
  for (const person of after.people) {
    const previous = before.byId.get(person.id);
    if (!previous) {
      events.push({ at, eventType: "directory.created", data: { individual_id: person.id } });
      continue;
    }
    if (JSON.stringify(previous.individual) !== JSON.stringify(person.individual)) {
      events.push({ at, eventType: "individual.updated", data: { individual_id: person.id } });
    }
    if (JSON.stringify(previous.employment) !== JSON.stringify(person.employment)) {
      events.push({ at, eventType: "employment.updated", data: { individual_id: person.id } });
    }
  }
  return events.slice(0, MAX_CHANGES_PER_SYNC);
}

function paymentChanges(before: Dataset, after: Dataset, at: number): TimedEvent[] {
  const known = new Set(before.payments().map((p) => p.payment.id));
  return after
    .payments()
    .filter((p) => !known.has(p.payment.id))
    .slice(-MAX_CHANGES_PER_SYNC)
    .map((p) => ({
      at,
      eventType: "payment.created",
      data: { payment_id: p.payment.id, pay_date: p.payment.pay_date },
    }));
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

/**
 * Emits, in chronological order, every webhook due in (lastTickAt, now]: status changes,
 * readiness, finished jobs and data changes found by syncs. Returns the instant it evaluated.
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

  for (const connection of Object.values(ctx.state.connections)) {
    const jobs = jobsOf(ctx.state, connection.id);
    const events = lifecycleEvents(connection, from, now);
    for (const job of jobs) {
      if (job.completedAt > from && job.completedAt <= now) {
        events.push({
          at: job.completedAt,
          eventType: "job.data_sync_all.completed",
          data: { job_id: job.id, job_url: jobUrl(connection.apiBaseUrl, job.id) },
        });
      }
    }
    events.push(...benefitJobEvents(ctx, connection, from, now));
    if (ctx.webhooks.enabled) events.push(...dataChangeEvents(ctx, connection, jobs, from, now));
    events.sort((a, b) => a.at - b.at);
    for (const event of events)
      ctx.webhooks.enqueue({
        connection,
        entityId: event.entityId,
        eventType: event.eventType,
        data: event.data,
      });
  }
  ctx.state.lastTickAt = now;
  ctx.store.changed();
  ctx.webhooks.kick();
  return now;
}
