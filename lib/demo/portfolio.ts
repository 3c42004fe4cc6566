import "server-only";
import { getConnectionById } from "@/db/queries/connections";
import { createEmployer, hasAnyEmployer } from "@/db/queries/employers";
import { recordEvent } from "@/db/queries/events";
import { getUserByEmail } from "@/db/queries/users";
import type { Connection, Employer, Invite } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { parseProductQuery } from "@/lib/data-proxy/params";
import { readProduct } from "@/lib/data-proxy/read";
import { EMULATOR_API_PATH, getDemoEmulator } from "@/lib/demo/emulator";
import {
  ALL_PRODUCTS,
  DEMO_PORTFOLIO,
  hoursToMs,
  PORTFOLIO_WINDOW_MS,
  scheduleOf,
  type PlannedConnect,
  type PlannedEmployer,
  type TimedAction,
} from "@/lib/demo/portfolio-plan";
import type { Emulator } from "@/lib/emulator";
import { env } from "@/lib/env";
import { runFollowUp } from "@/lib/issues/run";
import { runSweep } from "@/lib/monitoring/sweep";
import { disconnectConnection } from "@/lib/onboarding/disconnect";
import { exchangeCode, findExchangeSession } from "@/lib/onboarding/exchange";
import { createInviteLink, INVITE_ACTOR, noteInviteOpened } from "@/lib/onboarding/invites";
import { startNewSession, type SessionOptions } from "@/lib/onboarding/sessions";

/** The clock moves in steps of at most this, delivering Finch's webhooks after each. */
const STEP_MS = 6 * 3_600_000;
/** A status sweep runs whenever the clock crosses into a new stretch of this length. */
const SWEEP_EVERY_MS = 2 * 24 * 3_600_000;
/** Finch's documented sandbox sign-in, which the emulated Connect page accepts. */
const SIGN_IN = { username: "good_user", password: "good_pass", api_token: "good_token" };
const ACTOR_FALLBACK = { userId: null, label: "Perch demo setup" };

export interface PortfolioReport {
  seeded: boolean;
  /** Why nothing was done, when nothing was. */
  skipped: string | null;
  employers: number;
  connections: number;
  durationMs: number;
}

interface Seeded {
  employer: Employer;
  connection: Connection | null;
  invite: Invite | null;
}

/**
 * Builds the demo portfolio the way a team would have over three weeks: the demo clock goes
 * back to the start of the window, then each employer is added, invited, connected through a
 * Finch Connect session completed on the emulated Connect page and exchanged by Perch's own
 * code exchange, and later re-authenticated or disconnected, with Finch's webhooks delivered
 * and status sweeps run as the clock moves forward. It ends at real time (clock offset 0), where
 * the demo clock runs on. Does nothing when any employer exists, so a second start adds nothing.
 */
export async function seedDemoPortfolio({
  emulator,
  plan = DEMO_PORTFOLIO,
}: {
  emulator: Emulator;
  plan?: readonly PlannedEmployer[];
}): Promise<PortfolioReport> {
  const started = Date.now();
  const report = (skipped: string | null, seeded: Map<string, Seeded>): PortfolioReport => ({
    seeded: skipped === null,
    skipped,
    employers: seeded.size,
    connections: [...seeded.values()].filter((s) => s.connection).length,
    durationMs: Date.now() - started,
  });
  if (await hasAnyEmployer()) return report("employers already exist", new Map());

  const admin = env().demo ? await getUserByEmail({ email: env().demo!.adminEmail }) : undefined;
  const actor = admin ? { userId: admin.id, label: admin.email } : ACTOR_FALLBACK;
  const windowStart = Date.now() - PORTFOLIO_WINDOW_MS;
  const seeded = new Map<string, Seeded>();
  const player = new Player(emulator, actor, seeded);

  await emulator.setClock(new Date(windowStart));
  try {
    await player.control("scenario", "PUT", { pending_hours: 4, next: "success" });
    for (const action of scheduleOf(plan)) {
      await player.moveTo(windowStart + hoursToMs(action.at));
      await player.play(action);
    }
    await player.moveTo(windowStart + PORTFOLIO_WINDOW_MS);
  } finally {
    // Back to real time whatever happened, so a failed run never leaves the demo in the past.
    await emulator.resetClock();
    await emulator.flushWebhooks();
  }
  await runSweep({ all: true, maxPauseMs: 10_000 });
  await player.readFreshData(plan);
  await runFollowUp();
  const now = await appNow();
  await recordEvent({
    occurredAt: now,
    source: "system",
    type: "demo.portfolio_created",
    actorLabel: "Perch demo setup",
    summary: `Demo portfolio created: ${seeded.size} employers over the last three weeks`,
    data: { employers: seeded.size },
  });
  return report(null, seeded);
}

class Player {
  private lastSweepStretch = -1;

  constructor(
    private readonly emulator: Emulator,
    private readonly actor: { userId: string | null; label: string },
    private readonly seeded: Map<string, Seeded>,
  ) {}

  async control(path: string, method: string, body: unknown): Promise<unknown> {
    const response = await this.emulator.handle(
      new Request(`${env().publicUrl}${EMULATOR_API_PATH}/_emulator/${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
    const json = await response.json();
    if (!response.ok) throw new Error(`Emulator ${path}: ${JSON.stringify(json)}`);
    return json;
  }

  /** Moves the clock forward to `target`, delivering webhooks each step and sweeping every 2 days. */
  async moveTo(target: number): Promise<void> {
    for (;;) {
      const gap = target - this.emulator.now().getTime();
      if (gap <= 0) return;
      await this.emulator.advanceClock(Math.min(gap, STEP_MS));
      await this.emulator.flushWebhooks();
      const stretch = Math.floor(this.emulator.now().getTime() / SWEEP_EVERY_MS);
      if (stretch !== this.lastSweepStretch) {
        this.lastSweepStretch = stretch;
        await runSweep({ maxPauseMs: 10_000 });
      }
    }
  }

  private entry(plan: PlannedEmployer): Seeded {
    const found = this.seeded.get(plan.customerId);
    if (!found) throw new Error(`Demo portfolio: ${plan.name} acts before it was added`);
    return found;
  }

  async play(action: TimedAction): Promise<void> {
    switch (action.kind) {
      case "add":
        return this.add(action.employer);
      case "invite": {
        const { invite } = await createInviteLink({
          employer: this.entry(action.employer).employer,
          products: ALL_PRODUCTS,
          manual: true,
          days: 14,
          actor: this.actor,
        });
        this.entry(action.employer).invite = invite;
        return;
      }
      case "invite_opened": {
        const { invite } = this.entry(action.employer);
        if (invite) await noteInviteOpened(invite, await appNow());
        return;
      }
      case "connect":
        return this.connect(action.employer, action.connect, action.connect.outcome);
      case "retry": {
        const first = action.employer.steps.find((s) => s.kind === "connect");
        if (first?.kind === "connect")
          await this.connect(action.employer, first.connect, "success");
        return;
      }
      case "finch_reauth":
        return this.setFinchStatus(action.employer, "reauth");
      case "finch_stuck_pending":
        return this.setFinchStatus(action.employer, "pending");
      case "disconnect": {
        const seeded = this.entry(action.employer);
        const connection =
          seeded.connection && (await getConnectionById({ id: seeded.connection.id }));
        if (!connection || !this.actor.userId) return;
        await disconnectConnection({
          connection,
          actor: { userId: this.actor.userId, label: this.actor.label },
        });
        return;
      }
    }
  }

  /** What the New employer form does. */
  private async add(plan: PlannedEmployer): Promise<void> {
    const now = await appNow();
    const employer = await createEmployer({
      name: plan.name,
      customerId: plan.customerId,
      contactEmail: plan.contactEmail,
      createdBy: this.actor.userId,
      createdAt: now,
    });
    if (!employer) throw new Error(`Demo portfolio: customer id ${plan.customerId} is taken`);
    await recordEvent({
      occurredAt: now,
      source: "staff",
      type: "employer.created",
      employerId: employer.id,
      actorUserId: this.actor.userId,
      actorLabel: this.actor.label,
      summary: `${this.actor.label} added ${employer.name} (customer id ${employer.customerId})`,
      data: { customerId: employer.customerId, contactEmail: employer.contactEmail },
    });
    this.seeded.set(plan.customerId, { employer, connection: null, invite: null });
  }

  /**
   * A Connect session from Perch, completed on the emulated Connect page the way the employer's
   * browser completes it, and the code exchanged by Perch's own exchange.
   */
  private async connect(
    plan: PlannedEmployer,
    connect: PlannedConnect,
    outcome: PlannedConnect["outcome"],
  ): Promise<void> {
    const seeded = this.entry(plan);
    const assisted = connect.signIn === "assisted";
    const options: SessionOptions = {
      products: connect.products ?? ALL_PRODUCTS,
      manual: assisted,
      integration: { provider: connect.provider, authMethod: connect.signIn },
      minutesToExpire: 60,
      sandbox: null,
      redirect: false,
    };
    const started = await startNewSession({
      employer: seeded.employer,
      options,
      actor: seeded.invite ? INVITE_ACTOR : this.actor,
      inviteId: seeded.invite?.id ?? null,
    });
    if (assisted && connect.lateDays)
      await this.control("scenario", "PUT", { configuration_delay_days: connect.lateDays });
    const response = await this.emulator.handle(
      new Request(`${env().finch.connectUrl}/authorize/complete`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          session_id: started.sessionId,
          provider_id: connect.provider,
          auth_method: connect.signIn,
          ...SIGN_IN,
          ...(assisted ? { outcome: outcome ?? "success" } : {}),
        }),
      }),
    );
    const completed = (await response.json()) as { code?: string; error?: { message: string } };
    if (!completed.code)
      throw new Error(
        `Demo portfolio: Connect failed for ${plan.name}: ${completed.error?.message}`,
      );
    const session = await findExchangeSession({ finchSessionId: started.sessionId });
    const result = await exchangeCode({ code: completed.code, session, actor: this.actor });
    seeded.connection = result.connection;
    await this.emulator.flushWebhooks();
  }

  private async setFinchStatus(plan: PlannedEmployer, status: "reauth" | "pending") {
    const { connection } = this.entry(plan);
    if (!connection) return;
    await this.control(`connections/${connection.finchConnectionId}/status`, "POST", { status });
    await this.emulator.flushWebhooks();
  }

  /** Ops open the company and directory of the employers they follow: proxied, recorded reads. */
  async readFreshData(plan: readonly PlannedEmployer[]): Promise<void> {
    for (const entry of plan) {
      const id = this.seeded.get(entry.customerId)?.connection?.id;
      if (!entry.readAtEnd || !id) continue;
      const connection = await getConnectionById({ id });
      if (!connection || connection.status !== "connected") continue;
      const actor = { userId: this.actor.userId, label: this.actor.label };
      await readProduct({ connection, query: parseProductQuery("company", {}), actor });
      await readProduct({ connection, query: parseProductQuery("directory", {}), actor });
    }
  }
}

const globalForPortfolio = globalThis as unknown as { perchPortfolio?: Promise<void> };

/**
 * Demo mode's first start: once this server answers its health check (Finch's webhooks come
 * back over HTTP), build the portfolio in the background, unless PERCH_DEMO_PORTFOLIO=empty.
 * A failure is logged and leaves the demo running, just emptier.
 */
export function startDemoPortfolio(): void {
  const { mode, demoPortfolio, port } = env();
  if (mode !== "demo" || demoPortfolio === "empty" || globalForPortfolio.perchPortfolio) return;
  globalForPortfolio.perchPortfolio = (async () => {
    try {
      if (await hasAnyEmployer()) return;
      await waitForHealth(`http://127.0.0.1:${port}/api/health`);
      const emulator = await getDemoEmulator()!;
      console.log("[perch] building the demo portfolio (PERCH_DEMO_PORTFOLIO=empty skips it)…");
      const result = await seedDemoPortfolio({ emulator });
      if (result.seeded) {
        console.log(
          `[perch] demo portfolio ready: ${result.employers} employers, ${result.connections} connections, in ${(result.durationMs / 1000).toFixed(1)} s`,
        );
      }
    } catch (error) {
      console.error("[perch] building the demo portfolio failed; the demo starts emptier.", error);
    }
  })();
}

const HEALTH_WAIT_MS = 180_000;

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + HEALTH_WAIT_MS;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { cache: "no-store" })).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${HEALTH_WAIT_MS / 1000} s`);
}
