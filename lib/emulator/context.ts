import type { Clock } from "./clock";
import type { DatasetCache } from "./data/dataset";
import type { EmulatorState } from "./records";
import type { StateStore } from "./state";
import type { WebhookDispatcher } from "./webhooks";

/** What every route and background task shares inside one emulator instance. */
export interface EmulatorContext {
  readonly store: StateStore;
  readonly state: EmulatorState;
  readonly clock: Clock;
  readonly datasets: DatasetCache;
  readonly webhooks: WebhookDispatcher;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiBasePath: string;
  /** Applies every transition due up to now (emitting webhooks) and returns that instant. */
  tickNow(): number;
}

/** Per-request facts derived from the incoming URL. */
export interface RequestContext {
  request: Request;
  url: URL;
  /** Path below the API base path, e.g. `/employer/company`. */
  path: string;
  params: Record<string, string>;
  origin: string;
  /** `<origin><apiBasePath>`: where this emulator's API lives for the caller. */
  apiBaseUrl: string;
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
