import Link from "next/link";
import { formatCount } from "@/components/data/format";

export interface DonutSegment {
  label: string;
  value: number;
  /** A CSS colour for the slice and its legend swatch. */
  color: string;
  href?: string;
}

export interface DonutChartProps {
  title: string;
  segments: DonutSegment[];
  /** Shown in the hole, e.g. the total. */
  centerLabel?: string;
  centerCaption?: string;
}

const RADIUS = 42;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** A plain-SVG donut with a linked legend; the legend carries the numbers for screen readers. */
export function DonutChart({ title, segments, centerLabel, centerCaption }: DonutChartProps) {
  const total = segments.reduce((sum, s) => sum + s.value, 0);
  const visible = segments.filter((s) => s.value > 0);
  const lengths = visible.map((s) => (total ? (s.value / total) * CIRCUMFERENCE : 0));
  const slices = visible.map((segment, index) => ({
    ...segment,
    length: lengths[index],
    offset: lengths.slice(0, index).reduce((sum, l) => sum + l, 0),
  }));
  return (
    <figure className="flex flex-col items-center gap-5 sm:flex-row sm:items-center">
      <svg
        viewBox="0 0 100 100"
        className="h-36 w-36 shrink-0 -rotate-90"
        role="img"
        aria-label={`${title}: ${segments.map((s) => `${s.label} ${formatCount(s.value)}`).join(", ")}`}
      >
        <title>{title}</title>
        <circle cx="50" cy="50" r={RADIUS} fill="none" stroke="#e2e8f0" strokeWidth="14" />
        {slices.map((slice) => (
          <circle
            key={slice.label}
            cx="50"
            cy="50"
            r={RADIUS}
            fill="none"
            stroke={slice.color}
            strokeWidth="14"
            strokeDasharray={`${slice.length} ${CIRCUMFERENCE - slice.length}`}
            strokeDashoffset={-slice.offset}
          >
            <title>{`${slice.label}: ${formatCount(slice.value)}`}</title>
          </circle>
        ))}
        {centerLabel ? (
          <g className="rotate-90" style={{ transformOrigin: "50px 50px" }}>
            <text
              x="50"
              y={centerCaption ? "49" : "55"}
              textAnchor="middle"
              className="fill-slate-900 text-[18px] font-semibold"
            >
              {centerLabel}
            </text>
            {centerCaption ? (
              <text x="50" y="63" textAnchor="middle" className="fill-slate-500 text-[8px]">
                {centerCaption}
              </text>
            ) : null}
          </g>
        ) : null}
      </svg>
      <figcaption className="w-full min-w-0">
        <ul className="space-y-1.5 text-sm">
          {segments.map((segment) => {
            const body = (
              <>
                <span
                  className="h-2.5 w-2.5 shrink-0 rounded-sm"
                  style={{ backgroundColor: segment.color }}
                  aria-hidden
                />
                <span className="flex-1 truncate text-slate-700">{segment.label}</span>
                <span className="font-medium tabular-nums text-slate-900">
                  {formatCount(segment.value)}
                </span>
              </>
            );
            return (
              <li key={segment.label}>
                {segment.href ? (
                  <Link
                    href={segment.href}
                    className="-mx-1.5 flex items-center gap-2 rounded px-1.5 py-0.5 hover:bg-slate-50"
                  >
                    {body}
                  </Link>
                ) : (
                  <span className="flex items-center gap-2 px-0 py-0.5">{body}</span>
                )}
              </li>
            );
          })}
        </ul>
      </figcaption>
    </figure>
  );
}
