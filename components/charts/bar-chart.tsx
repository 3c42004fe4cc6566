import Link from "next/link";
import { formatCount } from "@/components/data/format";

export interface Bar {
  label: string;
  /** A longer description for the tooltip and screen readers. */
  description?: string;
  value: number;
  href?: string;
  tone?: "brand" | "danger";
}

export interface BarChartProps {
  title: string;
  bars: Bar[];
  /** Text under the chart when every bar is zero. */
  emptyNote?: string;
}

const HEIGHT = 120;

/** Vertical bars in plain SVG, each a link to the list it counts. */
export function BarChart({ title, bars, emptyNote }: BarChartProps) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = 100 / Math.max(bars.length, 1);
  return (
    <figure>
      <svg
        viewBox={`0 0 100 ${HEIGHT + 4}`}
        preserveAspectRatio="none"
        className="h-36 w-full"
        role="img"
        aria-label={`${title}: ${bars.map((b) => `${b.description ?? b.label} ${formatCount(b.value)}`).join(", ")}`}
      >
        <title>{title}</title>
        <line x1="0" x2="100" y1={HEIGHT} y2={HEIGHT} stroke="#cbd5e1" strokeWidth="0.4" />
        {bars.map((bar, index) => {
          const height = (bar.value / max) * (HEIGHT - 16);
          const x = index * width + width * 0.18;
          const rect = (
            <rect
              x={x}
              y={HEIGHT - height}
              width={width * 0.64}
              height={Math.max(height, bar.value ? 1 : 0)}
              rx="1"
              className={bar.tone === "danger" ? "fill-red-500" : "fill-brand-500"}
            >
              <title>{`${bar.description ?? bar.label}: ${formatCount(bar.value)}`}</title>
            </rect>
          );
          return <g key={bar.label}>{bar.href ? <Link href={bar.href}>{rect}</Link> : rect}</g>;
        })}
      </svg>
      <div
        className="mt-1 grid text-center"
        style={{ gridTemplateColumns: `repeat(${bars.length}, 1fr)` }}
      >
        {bars.map((bar) => (
          <div key={bar.label} className="min-w-0 px-0.5">
            <div
              className={`text-sm font-semibold tabular-nums ${bar.tone === "danger" && bar.value ? "text-red-600" : "text-slate-900"}`}
            >
              {bar.href ? (
                <Link href={bar.href} className="hover:underline">
                  {formatCount(bar.value)}
                </Link>
              ) : (
                formatCount(bar.value)
              )}
            </div>
            <div
              className="text-xs leading-tight break-words text-slate-500"
              title={bar.description}
            >
              {bar.label}
            </div>
          </div>
        ))}
      </div>
      {emptyNote && bars.every((b) => b.value === 0) ? (
        <figcaption className="mt-2 text-center text-xs text-slate-500">{emptyNote}</figcaption>
      ) : null}
    </figure>
  );
}
