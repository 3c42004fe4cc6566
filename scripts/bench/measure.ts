/** Timing helpers for `npm run bench`: interleaved samples, medians, ratios against targets. */
import { performance } from "node:perf_hooks";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** "≤ 1.3", "≥ 200": the comparison and the bound. */
  target: { op: "<=" | ">=" | "=="; bound: number } | null;
  note?: string;
}

export const figures: Figure[] = [];

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function passes(figure: Figure): boolean {
  if (!figure.target) return true;
  const { op, bound } = figure.target;
  if (op === "<=") return figure.value <= bound;
  if (op === ">=") return figure.value >= bound;
  return figure.value === bound;
}

export function record(figure: Figure): Figure {
  figures.push(figure);
  const target = figure.target
    ? `target ${figure.target.op === "<=" ? "≤" : figure.target.op === ">=" ? "≥" : "="} ${figure.target.bound}`
    : "";
  const verdict = figure.target ? (passes(figure) ? "PASS" : "MISS") : "    ";
  // Two decimals, or three where two would round a miss onto its bound (1.302 is not 1.30).
  const close = figure.target !== null && Math.abs(figure.value - figure.target.bound) < 0.005;
  const value = Number.isInteger(figure.value)
    ? String(figure.value)
    : figure.value.toFixed(close ? 3 : 2);
  console.log(
    `${verdict}  ${figure.name.padEnd(58)} ${`${value} ${figure.unit}`.padStart(14)}  ${target}${figure.note ? `  (${figure.note})` : ""}`,
  );
  return figure;
}

/**
 * Times `a` and `b` alternately (a, b, b, a, …) after a warm-up, so load from the other
 * engineers' processes falls on both sides alike. Returns each side's median in ms.
 */
export async function interleave(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  runs: number,
  warmup = 3,
): Promise<{ a: number; b: number; ratio: number }> {
  for (let i = 0; i < warmup; i += 1) {
    await a();
    await b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  const time = async (fn: () => Promise<unknown>, into: number[]) => {
    const started = performance.now();
    await fn();
    into.push(performance.now() - started);
  };
  for (let i = 0; i < runs; i += 1) {
    if (i % 2 === 0) {
      await time(a, as);
      await time(b, bs);
    } else {
      await time(b, bs);
      await time(a, as);
    }
  }
  const ma = median(as);
  const mb = median(bs);
  return { a: ma, b: mb, ratio: mb / ma };
}
