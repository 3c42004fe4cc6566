export interface RangeRow {
  label: string;
  /** Shown beside the label, e.g. "42 connections". */
  note: string;
  median: number;
  p90: number;
}

export interface RangeChartProps {
  title: string;
  rows: RangeRow[];
  /** A band drawn behind the rows, e.g. a vendor's promise. */
  band?: { from: number; to: number; label: string };
  unit: string;
}

/**
 * One line per row from 0 to its p90, a dot at its median, over a shaded band: plain HTML, so it
 * reads as a table to screen readers (the numbers are in the text, not only in the drawing).
 */
export function RangeChart({ title, rows, band, unit }: RangeChartProps) {
  const max = Math.max(band?.to ?? 0, ...rows.map((r) => r.p90)) * 1.1 || 1;
  const at = (value: number) => `${Math.min(100, (value / max) * 100)}%`;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{title}</caption>
      <thead>
        <tr className="text-left text-xs text-slate-500">
          <th scope="col" className="pb-2 font-medium">
            Provider
          </th>
          <th scope="col" className="pb-2 pl-3 text-right font-medium">
            Median
          </th>
          <th scope="col" className="pb-2 pl-3 text-right font-medium">
            p90
          </th>
          <th scope="col" className="hidden w-2/5 pb-2 pl-4 font-medium sm:table-cell">
            {band ? (
              <span className="inline-flex items-center gap-1.5">
                <span className="h-2.5 w-4 rounded-sm bg-emerald-100 ring-1 ring-emerald-300" />
                {band.label}
              </span>
            ) : null}
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row" className="py-2 pr-2 text-left font-normal">
              <span className="font-medium text-slate-900">{row.label}</span>
              <span className="block text-xs text-slate-500">{row.note}</span>
            </th>
            <td
              className={`py-2 pl-3 text-right whitespace-nowrap tabular-nums ${band && row.median >= band.to ? "font-semibold text-red-700" : "text-slate-900"}`}
            >
              {row.median} {unit}
            </td>
            <td
              className={`py-2 pl-3 text-right whitespace-nowrap tabular-nums ${band && row.p90 >= band.to ? "font-semibold text-red-700" : "text-slate-900"}`}
            >
              {row.p90} {unit}
            </td>
            <td className="hidden py-2 pl-4 sm:table-cell" aria-hidden="true">
              <div className="relative h-3">
                {band ? (
                  <div
                    className="absolute inset-y-0 rounded-sm bg-emerald-100"
                    style={{
                      left: at(band.from),
                      width: `calc(${at(band.to)} - ${at(band.from)})`,
                    }}
                  />
                ) : null}
                <div
                  className={`absolute top-1/2 h-1 -translate-y-1/2 rounded-full ${band && row.p90 >= band.to ? "bg-red-400" : "bg-brand-500"}`}
                  style={{ left: 0, width: at(row.p90) }}
                />
                <div
                  className="absolute top-1/2 size-2.5 -translate-x-1/2 -translate-y-1/2 rounded-full bg-brand-700 ring-2 ring-white"
                  style={{ left: at(row.median) }}
                />
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
