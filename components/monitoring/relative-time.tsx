import { formatDateTime, relativeTime } from "@/lib/status/relative-time";

/** "3 days ago", with the exact local time on hover and in the markup. */
export function RelativeTime({
  at,
  now,
  timeZone,
  className,
}: {
  at: Date;
  now: Date;
  timeZone: string;
  className?: string;
}) {
  return (
    <time dateTime={at.toISOString()} title={formatDateTime(at, timeZone)} className={className}>
      {relativeTime(at, now)}
    </time>
  );
}
