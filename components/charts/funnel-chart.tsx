import { formatCount } from "@/components/data/format";
import type { FunnelStage, FunnelWeek } from "@/lib/insight/weeks";

export interface FunnelChartProps {
  title: string;
  weeks: FunnelWeek[];
  stages: { stage: FunnelStage; label: string; className: string; swatch: string }[];
  /** A week's label, e.g. "23–29 Nov". */
  weekLabel: (week: string) => string;
  /** A short axis label, e.g. "23 Nov". */
  axisLabel: (week: string) => string;
}

const HEIGHT = 120;

/** Grouped vertical bars in plain SVG: per week, how many reached each onboarding stage. */
export function FunnelChart({ title, weeks, stages, weekLabel, axisLabel }: FunnelChartProps) {
  const max = Math.max(1, ...weeks.flatMap((w) => stages.map((s) => w.counts[s.stage])));
  const slot = 100 / Math.max(weeks.length, 1);
  const bar = (slot * 0.8) / stages.length;
  const summary = weeks
    .map(
      (w) =>
        `${weekLabel(w.week)}: ${stages.map((s) => `${s.label} ${formatCount(w.counts[s.stage])}`).join(", ")}`,
    )
    .join("; ");
  return (
    <figure>
      <svg
        viewBox={`0 0 100 ${HEIGHT + 4}`}
        preserveAspectRatio="none"
        className="h-40 w-full"
        role="img"
        aria-label={`${title}. ${summary}`}
      >
        <line x1="0" x2="100" y1={HEIGHT} y2={HEIGHT} stroke="#cbd5e1" strokeWidth="0.4" />
        {weeks.map((week, w) =>
          stages.map((s, i) => {
            const value = week.counts[s.stage];
            const height = (value / max) * (HEIGHT - 8);
            return (
              <rect
                key={`${week.week}-${s.stage}`}
                x={w * slot + slot * 0.1 + i * bar}
                y={HEIGHT - height}
                width={bar * 0.9}
                height={Math.max(height, value ? 1 : 0)}
                className={s.className}
              >
                <title>{`${weekLabel(week.week)} · ${s.label}: ${formatCount(value)}`}</title>
              </rect>
            );
          }),
        )}
      </svg>
      <div
        className="mt-1 grid text-center"
        style={{ gridTemplateColumns: `repeat(${weeks.length}, 1fr)` }}
        aria-hidden="true"
      >
        {weeks.map((w, i) => (
          <div key={w.week} className="text-[10px] leading-tight whitespace-nowrap text-slate-500">
            {(weeks.length - 1 - i) % 3 === 0 ? axisLabel(w.week) : ""}
          </div>
        ))}
      </div>
      <figcaption className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {stages.map((s) => (
          <span key={s.stage} className="inline-flex items-center gap-1.5">
            <span className="size-2.5 rounded-sm" style={{ background: s.swatch }} />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
