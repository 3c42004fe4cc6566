import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { applyConnectionStatus, markGroupReady } from "@/db/queries/connections";
import { recordEvent } from "@/db/queries/events";
import { advanceAttentionTallies } from "@/db/queries/overview";
import { getMonitoringState, recordProductObservation } from "@/db/queries/monitoring";
import { leaseDueConnections, releaseConnection, type CheckOutcome } from "@/db/queries/sweep";
import type { Connection } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { accessTokenFor } from "@/lib/connections/access-token";
import { env } from "@/lib/env";
import { introspectConnection } from "@/lib/finch/introspect";
import { probeGroup, probeProductFor } from "@/lib/finch/probe";
import { refreshEmployerAttention } from "@/lib/monitoring/attention";
import { noteFinchFailure } from "@/lib/monitoring/finch-failures";
import { normalizeStatus } from "@/lib/status/catalogue";
import { readinessInstant } from "@/lib/status/countdown";
import { backoffMs, nextCheckAt } from "@/lib/status/next-check";
import { PRODUCT_GROUPS, groupsForProducts, productLabel } from "@/lib/status/products";

export interface SweepOptions {
  /** Most connections one run checks; the rest wait for the next run. */
  limit?: number;
  /** Connections checked at the same time. */
  concurrency?: number;
  /** Check only these connections, due or not. */
  connectionIds?: string[];
  /** Check every live connection, due or not (the demo clock). */
  all?: boolean;
  leaseMs?: number;
  /** Longest a run waits on Finch's retry-after before giving the remaining leases back. */
  maxPauseMs?: number;
  owner?: string;
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
  skipped: number;
  rateLimited: number;
  groupsReady: number;
  checks: ConnectionCheck[];
  durationMs: number;
}

const DEFAULTS = { limit: 200, concurrency: 4, leaseMs: 5 * 60_000, maxPauseMs: 30_000 };
const VERIFIED_STATUSES = new Set(["processing", "connected"]);

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
): Promise<{ groupsReady: string[]; retryAfterSeconds: number | null }> {
  const state = await getMonitoringState({ connectionId: connection.id });
  const ready = new Set(state?.groups.filter((g) => g.readyAt).map((g) => g.group));
  const lastStatus = new Map(state?.products.map((p) => [p.product, p.lastHttpStatus]));
  const groupsReady: string[] = [];
  let retryAfterSeconds: number | null = null;
  for (const group of groupsForProducts(connection.products)) {
    const product = probeProductFor(group, connection.products);
    if (!product) continue;
    // A group marked ready by a webhook is probed once more if we last saw its 202, so the
    // freshness rows do not keep saying "pending".
    if (ready.has(group) && lastStatus.get(product) !== 202) continue;
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
          verifiedAt: state?.connection.permissionsVerifiedAt ?? null,
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
      if (failure?.status === 429) retryAfterSeconds = failure.retryAfterSeconds ?? 1;
      // A status error ends the probing; other failures only skip this group until next time.
      if (impliedStatus || failure?.status === 429) break;
    }
  }
  return { groupsReady, retryAfterSeconds };
}

interface CheckResult extends ConnectionCheck {
  outcome: CheckOutcome;
  retryAfterSeconds: number | null;
}

/** Introspects one leased connection, applies what Finch says and decides when to look again. */
async function checkConnection(connection: Connection, now: Date): Promise<CheckResult> {
  const base = { connectionId: connection.id, groupsReady: [] as string[] };
  const done = (status: string, failures: number, error: string | null, delayMs?: number) => ({
    lastCheckedAt: now,
    nextCheckAt:
      delayMs !== undefined
        ? new Date(now.getTime() + delayMs)
        : nextCheckAt({ status, assisted: connection.assisted, now, failures }),
    checkFailures: failures,
    lastCheckError: error,
  });
  try {
    const accessToken = accessTokenFor(connection);
    const snapshot = await introspectConnection(accessToken);
    const applied = await applyConnectionStatus({
      connectionId: connection.id,
      status: snapshot.status,
      message: snapshot.statusMessage,
      at: now,
      source: "introspect",
      lastSuccessfulSync: snapshot.lastSuccessfulSync,
      timeZone: env().timeZone,
    });
    const status = normalizeStatus(snapshot.status);
    let probes = { groupsReady: [] as string[], retryAfterSeconds: null as number | null };
    if (connection.assisted && VERIFIED_STATUSES.has(status)) {
      probes = await probeUnreadyGroups(connection, accessToken, now);
    }
    return {
      ...base,
      ok: true,
      status,
      changed: applied.changed,
      groupsReady: probes.groupsReady,
      error: null,
      rateLimited: probes.retryAfterSeconds !== null,
      retryAfterSeconds: probes.retryAfterSeconds,
      outcome: done(status, 0, null),
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
        outcome: done(impliedStatus, 0, null),
      };
    }
    const failures = connection.checkFailures + 1;
    const retryAfterSeconds = failure?.status === 429 ? (failure.retryAfterSeconds ?? 1) : null;
    const message = failure
      ? `${failure.status ?? "network"}: ${failure.message}`
      : error instanceof Error
        ? error.message
        : String(error);
    if (!failure) console.error(`[perch] status check of ${connection.id} failed:`, error);
    const delayMs = Math.max(backoffMs(failures), (retryAfterSeconds ?? 0) * 1000);
    return {
      ...base,
      ok: false,
      status: null,
      changed: false,
      error: message,
      rateLimited: retryAfterSeconds !== null,
      retryAfterSeconds,
      outcome: done(connection.status, failures, message.slice(0, 500), delayMs),
    };
  }
}

/**
 * The status sweep: leases due connections, checks them a few at a time, records every change
 * as an event and schedules each connection's next check by its status. One connection's
 * failure never stops the run; a 429 pauses the whole run for Finch's retry-after.
 */
export async function runSweep(options: SweepOptions = {}): Promise<SweepReport> {
  const started = Date.now();
  const settings = { ...DEFAULTS, ...options };
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const now = await appNow();
  const leased = await leaseDueConnections({
    owner,
    now,
    leaseMs: settings.leaseMs,
    limit: settings.limit,
    connectionIds: options.connectionIds,
    all: options.all,
  });

  const queue = [...leased];
  const checks: ConnectionCheck[] = [];
  let pausedUntil = 0;
  let skipped = 0;
  const deadline = started + settings.maxPauseMs;

  async function worker(): Promise<void> {
    for (let connection = queue.shift(); connection; connection = queue.shift()) {
      const wait = pausedUntil - Date.now();
      if (wait > 0) {
        if (Date.now() + wait > deadline) {
          // Finch asked us to slow down for longer than this run may wait: leave it for later.
          await releaseConnection({ id: connection.id, owner, outcome: null });
          skipped += 1;
          continue;
        }
        await sleep(wait);
      }
      let result: CheckResult;
      try {
        result = await checkConnection(connection, now);
      } catch (error) {
        // Only our own database can fail here; keep the sweep going and retry this one later.
        console.error(`[perch] status check of ${connection.id} could not be recorded:`, error);
        const failures = connection.checkFailures + 1;
        result = {
          connectionId: connection.id,
          ok: false,
          status: null,
          changed: false,
          groupsReady: [],
          error: "internal error",
          rateLimited: false,
          retryAfterSeconds: null,
          outcome: {
            lastCheckedAt: now,
            nextCheckAt: new Date(now.getTime() + backoffMs(failures)),
            checkFailures: failures,
            lastCheckError: "Perch could not record the check.",
          },
        };
      }
      if (result.retryAfterSeconds !== null) {
        pausedUntil = Math.max(pausedUntil, Date.now() + result.retryAfterSeconds * 1000);
      }
      try {
        await releaseConnection({ id: connection.id, owner, outcome: result.outcome });
        await refreshEmployerAttention({ employerId: connection.employerId, now });
      } catch (error) {
        console.error(`[perch] releasing ${connection.id} after its check failed:`, error);
      }
      const { outcome: _outcome, retryAfterSeconds: _retry, ...check } = result;
      checks.push(check);
    }
  }

  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(settings.concurrency, leased.length)) }, worker),
  );
  // Attention counts read only what began since the last advance; keep that window short. After
  // the checks, so waiting on other writers never delays leasing.
  await advanceAttentionTallies({ now }).catch((error) =>
    console.error("[perch] advancing the attention tallies failed:", error),
  );
  return {
    owner,
    at: now.toISOString(),
    leased: leased.length,
    checked: checks.length,
    changed: checks.filter((c) => c.changed).length,
    failed: checks.filter((c) => !c.ok).length,
    skipped,
    rateLimited: checks.filter((c) => c.rateLimited).length,
    groupsReady: checks.reduce((sum, c) => sum + c.groupsReady.length, 0),
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
  const report = await runSweep({ connectionIds: [connectionId], concurrency: 1 });
  return report.checks[0] ?? null;
}
