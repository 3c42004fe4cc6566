import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { applyConnectionStatus, markGroupReady } from "@/db/queries/connections";
import { recordEvent } from "@/db/queries/events";
import { recordProductObservation } from "@/db/queries/monitoring";
import { advanceAttentionTallies } from "@/db/queries/overview";
import {
  leaseDueConnections,
  loadProbeStates,
  recordChecks,
  releaseLeases,
  type ProbeState,
  type RecordedCheck,
} from "@/db/queries/sweep";
import type { Connection } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { accessTokenFor } from "@/lib/connections/access-token";
import { checkDeductionChanges } from "@/lib/deductions/changes";
import { env } from "@/lib/env";
import { saveEntityReports } from "@/db/queries/entities";
import { introspectConnection } from "@/lib/finch/introspect";
import { probeGroup, probeProductFor } from "@/lib/finch/probe";
import { refreshEmployersAttention } from "@/lib/monitoring/attention";
import { rateLimitWaitSeconds } from "@/lib/finch/rate-limits";
import { noteFinchFailure } from "@/lib/monitoring/finch-failures";
import { sweepPacing, type SweepPacing } from "@/lib/monitoring/sweep-pacing";
import { normalizeStatus } from "@/lib/status/catalogue";
import { readinessInstant } from "@/lib/status/countdown";
import { backoffMs, nextCheckAt } from "@/lib/status/next-check";
import { PRODUCT_GROUPS, groupsForProducts, productLabel } from "@/lib/status/products";

export interface SweepOptions {
  /** Most connections one run leases in all; the rest wait for the next run. */
  batchSize?: number;
  /** Connections checked at the same time. */
  concurrency?: number;
  /**
   * Wall-clock budget of the run: after it no check starts and unstarted leases are given
   * back, so a platform's time limit never strands leased rows for the full lease.
   */
  budgetMs?: number;
  /** Check only these connections, due or not. */
  connectionIds?: string[];
  /** Check every live connection, due or not (the demo clock). */
  all?: boolean;
  leaseMs?: number;
  /** Longest a run waits on Finch's retry-after before giving the remaining leases back. */
  maxPauseMs?: number;
  owner?: string;
  /**
   * Whether the run keeps to the sweep's share of Finch's limits (PERCH_FINCH_IP_BUDGET, half of
   * each probed product). A person's "Refresh status now" is not paced: the share exists for them.
   */
  paced?: boolean;
}

export interface ConnectionCheck {
  connectionId: string;
  ok: boolean;
  status: string | null;
  changed: boolean;
  groupsReady: string[];
  error: string | null;
  rateLimited: boolean;
}

export interface SweepReport {
  owner: string;
  at: string;
  leased: number;
  checked: number;
  changed: number;
  failed: number;
  /** Leased but given back unstarted: Finch's retry-after or the time budget ran out. */
  skipped: number;
  rateLimited: number;
  groupsReady: number;
  /** Whether the time budget ended the run before every due connection was checked. */
  outOfTime: boolean;
  checks: ConnectionCheck[];
  durationMs: number;
}

const DEFAULTS = { leaseMs: 5 * 60_000, maxPauseMs: 30_000 };
const VERIFIED_STATUSES = new Set(["processing", "connected"]);
/** Finished checks recorded per statement; a run's last few are recorded when it ends. */
const RECORD_BATCH = 50;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One cheap data call per product group that is not ready yet. A 200 is the group's first
 * readiness (202→200); a 202 is noted so the freshness rows say "pending".
 */
async function probeUnreadyGroups(
  connection: Connection,
  accessToken: string,
  now: Date,
  state: ProbeState,
  pacing: SweepPacing | null,
): Promise<{ groupsReady: string[]; retryAfterSeconds: number | null; rateLimited: boolean }> {
  const ready = state.readyGroups;
  const lastStatus = state.lastHttpStatus;
  const groupsReady: string[] = [];
  let retryAfterSeconds: number | null = null;
  let rateLimited = false;
  for (const group of groupsForProducts(connection.products)) {
    const product = probeProductFor(group, connection.products);
    if (!product) continue;
    // A group marked ready by a webhook is probed once more if we last saw its 202, so the
    // freshness rows do not keep saying "pending".
    if (ready.has(group) && lastStatus.get(product) !== 202) continue;
    // No slot in the probe's share of this product's allowance (or the IP budget): this group
    // waits for the connection's next check rather than spending people's share.
    const allowance = pacing?.product(product) ?? null;
    const at = Date.now();
    if (pacing && ((allowance?.waitMs(at) ?? 0) > 0 || pacing.ip.waitMs(at) > 0)) continue;
    allowance?.tryTake(at);
    pacing?.ip.tryTake(at);
    try {
      const probe = await probeGroup({ accessToken, group, product, now });
      const seen = await recordProductObservation({
        connectionId: connection.id,
        product,
        httpStatus: probe.httpStatus,
        requestId: probe.requestId,
        dataRetrievedAt: probe.dataRetrievedAt,
        lastAttemptedAt: probe.lastAttemptedAt,
        lastAttemptResult: probe.lastAttemptResult,
        at: now,
      });
      if (probe.httpStatus !== 200) continue;
      const first = await markGroupReady({
        connectionId: connection.id,
        group,
        // Ready when Finch retrieved the data, not when this sweep happened to look.
        at: readinessInstant({
          retrievedAt: probe.dataRetrievedAt,
          verifiedAt: connection.permissionsVerifiedAt,
          noticedAt: now,
        }),
        noticedAt: now,
        source: "probe",
      });
      if (first) {
        groupsReady.push(group);
        await recordEvent({
          occurredAt: now,
          source: "introspect",
          type: "data.ready",
          employerId: connection.employerId,
          connectionId: connection.id,
          summary: `${PRODUCT_GROUPS[group].label} data is ready (${productLabel(product)} answered 200${seen.previousStatus === 202 ? " after 202" : ""})`,
          data: {
            group,
            product,
            from: seen.previousStatus,
            to: 200,
            requestId: probe.requestId,
          },
        });
      }
    } catch (error) {
      const { failure, impliedStatus } = await noteFinchFailure({
        connectionId: connection.id,
        error,
        source: "introspect",
        at: now,
      });
      if (failure?.status === 429) {
        rateLimited = true;
        const waitMs = rateLimitWaitSeconds(failure) * 1000;
        if (failure.finchCode === "finch_api_ip_rl") {
          // Every request from this address is refused: the whole run pauses.
          retryAfterSeconds = waitMs / 1000;
          pacing?.ip.blockFor(Date.now(), waitMs);
          break;
        }
        // One product's allowance is used up: other products have their own.
        allowance?.blockFor(Date.now(), waitMs);
        continue;
      }
      // A status error ends the probing; other failures only skip this group until next time.
      if (impliedStatus) break;
    }
  }
  return { groupsReady, retryAfterSeconds, rateLimited };
}

interface CheckResult extends ConnectionCheck {
  record: RecordedCheck;
  retryAfterSeconds: number | null;
}

/** Whether an introspected status is news: anything but the same status, already verified. */
function statusIsNews(connection: Connection, status: string): boolean {
  if (status !== connection.status) return true;
  return connection.assisted && !connection.permissionsVerifiedAt && VERIFIED_STATUSES.has(status);
}

/**
 * Introspects one leased connection, applies what Finch says and decides when to look again.
 * The common case (status unchanged) writes nothing here: the status message, last sync and
 * schedule ride along in the batch that releases the lease.
 */
async function checkConnection(
  connection: Connection,
  now: Date,
  probeState: ProbeState | undefined,
  pacing: SweepPacing | null,
): Promise<CheckResult> {
  const base = { connectionId: connection.id, groupsReady: [] as string[] };
  const schedule = (status: string, failures: number, error: string | null, delayMs?: number) => ({
    lastCheckedAt: now,
    nextCheckAt:
      delayMs !== undefined
        ? new Date(now.getTime() + delayMs)
        : nextCheckAt({
            status,
            assisted: connection.assisted,
            now,
            failures,
            lastWebhookAt: connection.lastWebhookAt,
          }),
    checkFailures: failures,
    lastCheckError: error,
  });
  try {
    const accessToken = accessTokenFor(connection);
    const snapshot = await introspectConnection(accessToken);
    const status = normalizeStatus(snapshot.status);
    await saveEntityReports({
      connectionId: connection.id,
      employerId: connection.employerId,
      entities: snapshot.entities,
      at: now,
    });
    let changed = false;
    if (statusIsNews(connection, status)) {
      const applied = await applyConnectionStatus({
        connectionId: connection.id,
        status: snapshot.status,
        message: snapshot.statusMessage,
        at: now,
        source: "introspect",
        lastSuccessfulSync: snapshot.lastSuccessfulSync,
        timeZone: env().timeZone,
      });
      changed = applied.changed;
    }
    let probes = {
      groupsReady: [] as string[],
      retryAfterSeconds: null as number | null,
      rateLimited: false,
    };
    if (connection.assisted && VERIFIED_STATUSES.has(status)) {
      probes = await probeUnreadyGroups(
        connection,
        accessToken,
        now,
        probeState ?? { readyGroups: new Set(), lastHttpStatus: new Map() },
        pacing,
      );
    }
    return {
      ...base,
      ok: true,
      status,
      changed,
      groupsReady: probes.groupsReady,
      error: null,
      rateLimited: probes.rateLimited,
      retryAfterSeconds: probes.retryAfterSeconds,
      record: {
        id: connection.id,
        status,
        outcome: schedule(status, 0, null),
        statusMessage: snapshot.statusMessage,
        lastSuccessfulSync: snapshot.lastSuccessfulSync,
      },
    };
  } catch (error) {
    const { failure, impliedStatus } = await noteFinchFailure({
      connectionId: connection.id,
      error,
      source: "introspect",
      at: now,
    });
    if (impliedStatus) {
      // Finch answered, and the answer was the connection's status.
      return {
        ...base,
        ok: true,
        status: impliedStatus,
        changed: impliedStatus !== connection.status,
        error: null,
        rateLimited: false,
        retryAfterSeconds: null,
        record: {
          id: connection.id,
          status: impliedStatus,
          outcome: schedule(impliedStatus, 0, null),
        },
      };
    }
    if (failure?.status === 429) {
      // Finch asked us to wait, which says nothing about the connection: not a failure. Look
      // again once its window has passed; the run pauses (or gives back its leases) meanwhile.
      const retryAfterSeconds = rateLimitWaitSeconds(failure);
      pacing?.ip.blockFor(Date.now(), retryAfterSeconds * 1000);
      return {
        ...base,
        ok: false,
        status: null,
        changed: false,
        error: `Finch is rate-limiting; try again in ${retryAfterSeconds} s.`,
        rateLimited: true,
        retryAfterSeconds,
        record: {
          id: connection.id,
          status: connection.status,
          outcome: {
            lastCheckedAt: now,
            nextCheckAt: new Date(now.getTime() + retryAfterSeconds * 1000),
            checkFailures: connection.checkFailures,
            lastCheckError: connection.lastCheckError,
          },
        },
      };
    }
    const failures = connection.checkFailures + 1;
    const message = failure
      ? `${failure.status ?? "network"}: ${failure.message}`
      : error instanceof Error
        ? error.message
        : String(error);
    if (!failure) console.error(`[perch] status check of ${connection.id} failed:`, error);
    const delayMs = backoffMs(failures);
    return {
      ...base,
      ok: false,
      status: null,
      changed: false,
      error: message,
      rateLimited: false,
      retryAfterSeconds: null,
      record: {
        id: connection.id,
        status: connection.status,
        outcome: schedule(connection.status, failures, message.slice(0, 500), delayMs),
      },
    };
  }
}

/** A check that could not be recorded (only our own database fails here): retry it later. */
function internalFailure(connection: Connection, now: Date): CheckResult {
  const failures = connection.checkFailures + 1;
  return {
    connectionId: connection.id,
    ok: false,
    status: null,
    changed: false,
    groupsReady: [],
    error: "internal error",
    rateLimited: false,
    retryAfterSeconds: null,
    record: {
      id: connection.id,
      status: connection.status,
      outcome: {
        lastCheckedAt: now,
        nextCheckAt: new Date(now.getTime() + backoffMs(failures)),
        checkFailures: failures,
        lastCheckError: "Perch could not record the check.",
      },
    },
  };
}

/**
 * The status sweep: leases due connections a few at a time, checks them `concurrency` at a
 * time, records every change as an event and schedules each connection's next check by its
 * status. Finished checks are recorded (and their employers' attention recomputed) in batches.
 * One connection's failure never stops the run; a 429 pauses the whole run for Finch's
 * retry-after; when the time budget runs out no check starts and unstarted leases go back.
 */
export async function runSweep(options: SweepOptions = {}): Promise<SweepReport> {
  const started = Date.now();
  const defaults = env().sweep;
  const concurrency = Math.max(1, options.concurrency ?? defaults.concurrency);
  const batchSize = Math.max(1, options.batchSize ?? defaults.batchSize);
  const budgetMs = options.budgetMs ?? defaults.budgetSeconds * 1000;
  const leaseMs = options.leaseMs ?? DEFAULTS.leaseMs;
  const stopAt = started + budgetMs;
  const pauseLimit = started + (options.maxPauseMs ?? DEFAULTS.maxPauseMs);
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const pacing = options.paced === false ? null : sweepPacing(env().finch.ipBudget);
  const now = await appNow();
  // Named connections and "all" are leased at once; due ones in chunks, so a run that runs out
  // of time holds few unstarted leases.
  const chunked = !options.connectionIds && !options.all;
  const chunkSize = chunked ? Math.min(batchSize, Math.max(concurrency * 4, 32)) : batchSize;

  const queue: Connection[] = [];
  const probeStates = new Map<string, ProbeState>();
  let leasedCount = 0;
  let exhausted = false;
  let leasing: Promise<void> | null = null;

  async function leaseMore(): Promise<void> {
    const limit = Math.min(chunkSize, batchSize - leasedCount);
    if (limit <= 0 || Date.now() >= stopAt) {
      exhausted = true;
      return;
    }
    const leased = await leaseDueConnections({
      owner,
      now,
      leaseMs,
      limit,
      connectionIds: options.connectionIds,
      all: options.all,
    });
    leasedCount += leased.length;
    if (!chunked || leased.length < limit) exhausted = true;
    const probing = leased.filter((c) => c.assisted && VERIFIED_STATUSES.has(c.status));
    if (probing.length) {
      const states = await loadProbeStates({ connectionIds: probing.map((c) => c.id) });
      for (const [id, state] of states) probeStates.set(id, state);
    }
    queue.push(...leased);
  }

  /** The next leased connection, leasing another chunk when the queue runs low. */
  async function next(): Promise<Connection | undefined> {
    while (!queue.length && !exhausted) {
      leasing ??= leaseMore().finally(() => {
        leasing = null;
      });
      await leasing;
    }
    if (queue.length <= concurrency && !exhausted && !leasing) {
      leasing = leaseMore().finally(() => {
        leasing = null;
      });
    }
    return queue.shift();
  }

  const checks: ConnectionCheck[] = [];
  const unrecorded: { record: RecordedCheck; employerId: string }[] = [];
  let recording: Promise<void> = Promise.resolve();
  let pausedUntil = 0;
  let outOfTime = false;

  function record(all = false): Promise<void> {
    while (unrecorded.length && (all || unrecorded.length >= RECORD_BATCH)) {
      const batch = unrecorded.splice(0, RECORD_BATCH);
      recording = recording.then(async () => {
        try {
          await recordChecks({ owner, checks: batch.map((b) => b.record) });
          await refreshEmployersAttention({ employerIds: batch.map((b) => b.employerId), now });
        } catch (error) {
          // The leases expire on their own; the next run checks these connections again.
          console.error(`[perch] recording ${batch.length} status checks failed:`, error);
        }
      });
    }
    return recording;
  }

  const giveBack: string[] = [];

  /** Waits out the run's pause and takes an IP-budget slot; false if that would outlast the run. */
  async function clearToCall(): Promise<boolean> {
    for (;;) {
      const at = Date.now();
      const wait = Math.max(pausedUntil - at, pacing?.ip.waitMs(at) ?? 0);
      if (wait <= 0) {
        pacing?.ip.tryTake(at);
        return true;
      }
      if (at + wait > Math.min(pauseLimit, stopAt)) return false;
      await sleep(wait);
    }
  }

  async function worker(): Promise<void> {
    for (let connection = await next(); connection; connection = await next()) {
      if (Date.now() >= stopAt) {
        outOfTime = true;
        giveBack.push(connection.id, ...queue.splice(0).map((c) => c.id));
        exhausted = true;
        continue;
      }
      if (!(await clearToCall())) {
        // Finch asked us to slow down, or the IP budget is spent, for longer than this run may
        // wait: the lease goes back and the connection stays due for the next run.
        giveBack.push(connection.id);
        continue;
      }
      let result: CheckResult;
      try {
        result = await checkConnection(connection, now, probeStates.get(connection.id), pacing);
      } catch (error) {
        console.error(`[perch] status check of ${connection.id} could not be recorded:`, error);
        result = internalFailure(connection, now);
      }
      if (result.retryAfterSeconds !== null) {
        pausedUntil = Math.max(pausedUntil, Date.now() + result.retryAfterSeconds * 1000);
      }
      unrecorded.push({ record: result.record, employerId: connection.employerId });
      void record();
      const { record: _record, retryAfterSeconds: _retry, ...check } = result;
      checks.push(check);
    }
  }

  await Promise.all(Array.from({ length: concurrency }, worker));
  await record(true);
  if (leasing) await leasing;
  giveBack.push(...queue.splice(0).map((c) => c.id));
  const skipped = giveBack.length;
  try {
    await releaseLeases({ ids: giveBack, owner });
  } catch (error) {
    console.error("[perch] giving back unstarted leases failed; they expire on their own:", error);
  }
  // Attention counts read only what began since the last advance; keep that window short. After
  // the checks, so waiting on other writers never delays leasing.
  await advanceAttentionTallies({ now }).catch((error) =>
    console.error("[perch] advancing the attention tallies failed:", error),
  );
  // Deduction write-backs ride on the scheduled sweep (not on targeted ones); see lib/deductions.
  if (!options.connectionIds) await checkDeductionChanges({ now });
  return {
    owner,
    at: now.toISOString(),
    leased: leasedCount,
    checked: checks.length,
    changed: checks.filter((c) => c.changed).length,
    // A rate-limited check is rescheduled for after Finch's window, not failed.
    failed: checks.filter((c) => !c.ok && !c.rateLimited).length,
    skipped,
    rateLimited: checks.filter((c) => c.rateLimited).length,
    groupsReady: checks.reduce((sum, c) => sum + c.groupsReady.length, 0),
    outOfTime,
    checks,
    durationMs: Date.now() - started,
  };
}

/** "Refresh status now" for one employer's connection: the same check, outside the schedule. */
export async function refreshConnectionNow({
  connectionId,
}: {
  connectionId: string;
}): Promise<ConnectionCheck | null> {
  const report = await runSweep({ connectionIds: [connectionId], concurrency: 1, paced: false });
  return report.checks[0] ?? null;
}
