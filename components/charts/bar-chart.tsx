import Link from "next/link";
import { formatCount } from "@/components/data/format";
import { cn } from "@/components/ui/cn";

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

/**
 * Vertical bars drawn with plain HTML, one list item per bar. Where a bar counts a list, the whole
 * column (bar, value and label) is one link to it: a single focusable element per bar, nothing
 * interactive nested inside an image.
 */
export function BarChart({ title, bars, emptyNote }: BarChartProps) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure>
      <ul
        aria-label={title}
        className="grid"
        style={{ gridTemplateColumns: `repeat(${bars.length}, minmax(0, 1fr))` }}
      >
        {bars.map((bar) => {
          const danger = bar.tone === "danger";
          const body = (
            <>
              <span
                className="flex h-28 w-full items-end justify-center border-b border-slate-300"
                aria-hidden="true"
              >
                <span
                  className={cn(
                    "w-2/3 rounded-t-sm",
                    danger ? "bg-red-500" : "bg-brand-500",
                    bar.href && (danger ? "group-hover:bg-red-600" : "group-hover:bg-brand-600"),
                  )}
                  style={{ height: `${(bar.value / max) * 100}%`, minHeight: bar.value ? 1 : 0 }}
                />
              </span>
              <span
                className={cn(
                  "mt-1 text-sm font-semibold tabular-nums",
                  danger && bar.value ? "text-red-600" : "text-slate-900",
                  bar.href && "group-hover:underline",
                )}
              >
                {formatCount(bar.value)}
              </span>
              <span className="w-full px-0.5 text-xs leading-tight break-words text-slate-500">
                {bar.label}
                {bar.description ? <span className="sr-only"> ({bar.description})</span> : null}
              </span>
            </>
          );
          return (
            <li key={bar.label} className="min-w-0">
              {bar.href ? (
                <Link
                  href={bar.href}
                  title={bar.description}
                  className="group flex flex-col items-center rounded text-center"
                >
                  {body}
                </Link>
              ) : (
                <div title={bar.description} className="flex flex-col items-center text-center">
                  {body}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {emptyNote && bars.every((b) => b.value === 0) ? (
        <figcaption className="mt-2 text-center text-xs text-slate-500">{emptyNote}</figcaption>
      ) : null}
    </figure>
  );
}
