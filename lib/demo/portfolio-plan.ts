/**
 * The demo portfolio as a plan: who joins when, through which provider, and what then happens
 * to them, on a three-week window that ends at the demo's "now". Pure data plus a function
 * that orders the steps; `portfolio.ts` plays them through the emulator and Perch's own flows.
 */

export const DAY_MS = 24 * 3_600_000;
const HOUR_MS = 3_600_000;

/** The portfolio starts this long before the demo's now, so every configuration day occurs. */
export const PORTFOLIO_WINDOW_MS = 21 * DAY_MS;

export const ALL_PRODUCTS = [
  "company",
  "directory",
  "individual",
  "employment",
  "payment",
  "pay_statement",
  "benefits",
];
const WITHOUT_BENEFITS = ALL_PRODUCTS.filter((p) => p !== "benefits");

export type SignIn = "credential" | "api_token" | "oauth" | "assisted";
export type AssistedOutcome = "success" | "no_account_setup" | "wrong_permissions";

export interface PlannedConnect {
  /** Hours after the window starts. */
  at: number;
  provider: string;
  signIn: SignIn;
  products?: string[];
  outcome?: AssistedOutcome;
  /** Finch's configuration runs this many days past its 1–2 weeks (an overdue group). */
  lateDays?: number;
}

/** What happens to an employer after it joined, in the order of `at` (hours into the window). */
export type PlannedStep =
  | { kind: "invite"; at: number; opened?: number }
  | { kind: "connect"; at: number; connect: PlannedConnect }
  /** The employer sets Finch up again after an error, through a new Connect session. */
  | { kind: "retry"; at: number }
  /** Finch reports the credentials expired (the emulator's control surface, as Finch would). */
  | { kind: "finch_reauth"; at: number }
  /** Finch never receives the third-party admin invitation: pending beyond a business day. */
  | { kind: "finch_stuck_pending"; at: number }
  /** Ops disconnect the employer in Perch. */
  | { kind: "disconnect"; at: number };

export interface PlannedEmployer {
  name: string;
  customerId: string;
  contactEmail: string;
  /** Hours into the window when ops added it. */
  addedAt: number;
  steps: PlannedStep[];
  /** Ops read its company and directory through the proxy at the end: fresh freshness rows. */
  readAtEnd: boolean;
}

const h = (day: number, hour = 10) => day * 24 + hour;

function employer(
  name: string,
  addedAt: number,
  steps: PlannedStep[],
  readAtEnd = false,
): PlannedEmployer {
  const slug = name
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return {
    name,
    customerId: `demo-${slug}`,
    contactEmail: `payroll@${slug.replace(/-/g, "")}.example`,
    addedAt,
    steps,
    readAtEnd,
  };
}

const connect = (at: number, c: Omit<PlannedConnect, "at">): PlannedStep => ({
  kind: "connect",
  at,
  connect: { at, ...c },
});

/**
 * Thirty-six employers over 21 days. The window ends at day 21 hour 0 (the demo's now), so an
 * assisted connection verified on day d (connect + 4 h of pending) shows "day 21 − d" of its
 * configuration period.
 */
export const DEMO_PORTFOLIO: PlannedEmployer[] = [
  // Automated and connected; ops read their data, so it is fresh.
  employer(
    "Northwind Traders",
    h(1, 9),
    [connect(h(1), { provider: "gusto", signIn: "oauth" })],
    true,
  ),
  employer(
    "Bluebird Bakery",
    h(3, 9),
    [connect(h(3), { provider: "adp_run", signIn: "credential" })],
    true,
  ),
  employer(
    "Cedar & Pine Dental",
    h(5, 9),
    [connect(h(5), { provider: "bamboo_hr", signIn: "api_token", products: WITHOUT_BENEFITS })],
    true,
  ),
  employer(
    "Harbor Logistics",
    h(8, 9),
    [connect(h(8), { provider: "rippling", signIn: "oauth" })],
    true,
  ),
  employer(
    "Maple Street Clinic",
    h(11, 9),
    [connect(h(11), { provider: "justworks", signIn: "credential" })],
    true,
  ),
  employer(
    "Summit Outdoor Co",
    h(14, 9),
    [connect(h(14), { provider: "paychex_flex", signIn: "credential" })],
    true,
  ),
  employer(
    "Lumen Analytics",
    h(17, 9),
    [connect(h(17), { provider: "deel", signIn: "oauth", products: WITHOUT_BENEFITS })],
    true,
  ),
  employer(
    "Juniper Coffee Roasters",
    h(20, 9),
    [connect(h(20), { provider: "quickbooks", signIn: "oauth" })],
    true,
  ),
  // Automated and connected; ops have not opened their data in Perch since the first sync.
  employer("Granite Peak Construction", h(2, 9), [
    connect(h(2), { provider: "trinet", signIn: "credential" }),
  ]),
  employer("Orchard Family Farms", h(6, 9), [
    connect(h(6), { provider: "namely", signIn: "api_token" }),
  ]),
  // Automated, then the provider credentials expired: re-authentication needed.
  employer("Copperline Electric", h(2, 11), [
    connect(h(2, 12), { provider: "adp_run", signIn: "credential" }),
    { kind: "finch_reauth", at: h(12) },
  ]),
  employer("Redwood Realty", h(9, 11), [
    connect(h(9, 12), { provider: "gusto", signIn: "oauth" }),
    { kind: "finch_reauth", at: h(19) },
  ]),
  // Disconnected by ops: one automated, one assisted that never got its permissions right.
  employer("Sunset Yoga Studios", h(4, 9), [
    connect(h(4), { provider: "bamboo_hr", signIn: "api_token" }),
    { kind: "disconnect", at: h(15) },
  ]),
  employer("Atlas Freight", h(3, 13), [
    connect(h(3, 14), { provider: "paycom", signIn: "assisted", outcome: "wrong_permissions" }),
    { kind: "disconnect", at: h(10) },
  ]),
  // Assisted and through their configuration: connected, every group ready.
  employer(
    "Evergreen Senior Living",
    h(0, 1),
    [connect(h(0, 2), { provider: "adp_workforce_now", signIn: "assisted" })],
    true,
  ),
  employer(
    "Silverline Manufacturing",
    h(2, 7),
    [connect(h(2, 8), { provider: "paycom", signIn: "assisted" })],
    true,
  ),
  employer(
    "Bayside Pediatrics",
    h(4, 15),
    [connect(h(4, 16), { provider: "workday", signIn: "assisted" })],
    true,
  ),
  // Assisted and configuring, one for each stretch of the two weeks.
  employer("Coastal Breeze Resorts", h(4, 8), [
    connect(h(4, 9), { provider: "paylocity", signIn: "assisted", outcome: "wrong_permissions" }),
    { kind: "retry", at: h(7, 1) },
  ]),
  employer("Prairie Wind Energy", h(8, 5), [
    connect(h(8, 6), { provider: "paycor", signIn: "assisted" }),
  ]),
  employer("Quarry Hill Schools", h(10, 5), [
    connect(h(10, 6), { provider: "dayforce", signIn: "assisted" }),
  ]),
  employer("Riverstone Hotels", h(12, 5), [
    connect(h(12, 6), { provider: "isolved", signIn: "assisted" }),
  ]),
  employer("Tidewater Marine", h(15, 5), [
    connect(h(15, 6), { provider: "ukg_pro", signIn: "assisted" }),
  ]),
  employer("Keystone Legal Group", h(17, 5), [
    connect(h(17, 6), {
      provider: "adp_workforce_now",
      signIn: "assisted",
      products: WITHOUT_BENEFITS,
    }),
  ]),
  employer("Aspen Home Health", h(19, 5), [
    connect(h(19, 6), { provider: "paylocity", signIn: "assisted" }),
  ]),
  employer("Meadowlark Charter", h(20, 1), [
    connect(h(20, 2), { provider: "paycom", signIn: "assisted" }),
  ]),
  // Assisted and past the two weeks: Finch's configuration runs late.
  employer("Ironwood Steel", h(0, 3), [
    connect(h(0, 4), { provider: "workday", signIn: "assisted", lateDays: 12 }),
  ]),
  employer("Brightwater Utilities", h(3, 3), [
    connect(h(3, 4), { provider: "dayforce", signIn: "assisted", lateDays: 10 }),
  ]),
  // Pending: one just connected, one whose invitation Finch has not received for days.
  employer("Foxglove Florists", h(20, 19), [
    connect(h(20, 21), { provider: "paycor", signIn: "assisted" }),
  ]),
  employer("Willow Creek Veterinary", h(16, 8), [
    connect(h(16, 9), { provider: "isolved", signIn: "assisted" }),
    { kind: "finch_stuck_pending", at: h(16, 10) },
  ]),
  // Assisted with something the employer must fix.
  employer("Pinecrest Property Management", h(16, 1), [
    connect(h(16, 2), { provider: "ukg_pro", signIn: "assisted", outcome: "no_account_setup" }),
  ]),
  employer("Lakeshore Dental Partners", h(18, 1), [
    connect(h(18, 2), {
      provider: "adp_workforce_now",
      signIn: "assisted",
      outcome: "wrong_permissions",
    }),
  ]),
  employer("Hawthorne Studios", h(20, 3), [
    connect(h(20, 4), { provider: "paycom", signIn: "assisted", outcome: "no_account_setup" }),
  ]),
  // Invited, not connected yet.
  employer("Golden Gate Bistro", h(18, 11), [{ kind: "invite", at: h(18, 12), opened: h(19, 15) }]),
  employer("Starlight Cinemas", h(20, 11), [{ kind: "invite", at: h(20, 12) }]),
  employer("Oakridge Academy", h(13, 11), [{ kind: "invite", at: h(13, 12), opened: h(14, 9) }]),
  // Just added.
  employer("Bramble & Co Bookshop", h(20, 22), []),
];

export type TimedAction =
  | { at: number; kind: "add"; employer: PlannedEmployer }
  | ({ employer: PlannedEmployer } & PlannedStep)
  | { at: number; kind: "invite_opened"; employer: PlannedEmployer };

/** Every action of the plan in time order (hours into the window); adding comes first on ties. */
export function scheduleOf(plan: readonly PlannedEmployer[]): TimedAction[] {
  const actions: TimedAction[] = [];
  for (const entry of plan) {
    actions.push({ at: entry.addedAt, kind: "add", employer: entry });
    for (const step of entry.steps) {
      actions.push({ ...step, employer: entry });
      if (step.kind === "invite" && step.opened !== undefined)
        actions.push({ at: step.opened, kind: "invite_opened", employer: entry });
    }
  }
  const rank = (a: TimedAction) => (a.kind === "add" ? 0 : 1);
  return actions
    .map((action, index) => ({ action, index }))
    .sort(
      (a, b) => a.action.at - b.action.at || rank(a.action) - rank(b.action) || a.index - b.index,
    )
    .map(({ action }) => action);
}

export function hoursToMs(hours: number): number {
  return hours * HOUR_MS;
}
