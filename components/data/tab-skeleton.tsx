export function TabSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div className="animate-pulse space-y-3" aria-busy="true" aria-label="Loading data from Finch">
      <div className="h-4 w-64 rounded bg-slate-100" />
      <div className="h-9 w-full rounded bg-slate-100" />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-7 w-full rounded bg-slate-50" />
      ))}
    </div>
  );
}
