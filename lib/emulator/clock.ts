import type { StateStore } from "./state";

/** Emulator time = real time + a persisted offset, so simulated time keeps moving between jumps. */
export class Clock {
  constructor(private readonly store: StateStore) {}

  now(): number {
    return Date.now() + this.store.state.clockOffsetMs;
  }

  advance(ms: number): void {
    this.store.state.clockOffsetMs += ms;
    this.store.changed();
  }

  set(at: number): void {
    this.store.state.clockOffsetMs = at - Date.now();
    this.store.changed();
  }

  reset(): void {
    this.store.state.clockOffsetMs = 0;
    this.store.changed();
  }
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses a duration given as milliseconds, a compact form ("90m", "1d12h", "2w"), or an
 * ISO-8601 duration ("P1D", "PT4H", "P1W"). Returns null when it cannot.
 */
export function parseDuration(input: unknown): number | null {
  if (typeof input === "number") return Number.isFinite(input) ? input : null;
  if (typeof input !== "string") return null;
  const text = input.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const compact = /^(\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/i;
  if (compact.test(text)) {
    let total = 0;
    for (const [, value, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gi)) {
      total += Number(value) * UNIT_MS[unit.toLowerCase()];
    }
    return total;
  }
  const iso =
    /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(
      text,
    );
  if (iso && text.length > 1 && !text.toUpperCase().endsWith("T")) {
    const [, w, d, h, m, s] = iso.map((v) => (v === undefined ? 0 : Number(v)));
    return w * UNIT_MS.w + d * UNIT_MS.d + h * UNIT_MS.h + m * UNIT_MS.m + s * UNIT_MS.s;
  }
  return null;
}
