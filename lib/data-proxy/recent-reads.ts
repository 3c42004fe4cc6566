/**
 * Repeated identical reads, recorded once. A client paging through a directory, or a dashboard
 * polling it, asks Finch for the same product again and again and gets the same answer (the same
 * status and Finch-Data-Retrieved). Recording each of those rewrote the same row with only a
 * newer "last called" time; within RECENT_MS of this instance's last identical record, the write
 * is skipped. Anything new (another status, fresher data, a first answer) is always recorded, and
 * "last called" is at most RECENT_MS behind. Per process, so each instance records its own first.
 */

export const RECENT_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface ReadOutcome {
  connectionId: string;
  product: string;
  entityId: string | null;
  httpStatus: number;
  dataRetrievedAt: Date | null;
  lastAttemptedAt: Date | null;
  lastAttemptResult: string | null;
}

export class RecentReads {
  private readonly entries = new Map<string, { fingerprint: string; at: number }>();

  private static key(read: ReadOutcome): string {
    return `${read.connectionId}|${read.product}|${read.entityId ?? ""}`;
  }

  private static fingerprint(read: ReadOutcome): string {
    return [
      read.httpStatus,
      read.dataRetrievedAt?.getTime() ?? "",
      read.lastAttemptedAt?.getTime() ?? "",
      read.lastAttemptResult ?? "",
    ].join("|");
  }

  /** Whether this answer must be recorded: it differs, or the identical record is not recent. */
  needsRecording(read: ReadOutcome, now: Date): boolean {
    const last = this.entries.get(RecentReads.key(read));
    if (!last || last.fingerprint !== RecentReads.fingerprint(read)) return true;
    const age = now.getTime() - last.at;
    return age < 0 || age >= RECENT_MS;
  }

  /** Notes that this answer was recorded at `now`. */
  noteRecorded(read: ReadOutcome, now: Date): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(RecentReads.key(read), {
      fingerprint: RecentReads.fingerprint(read),
      at: now.getTime(),
    });
  }

  /** Forgets a product's last answer (another kind of answer was recorded, or a write failed). */
  forget(read: Pick<ReadOutcome, "connectionId" | "product" | "entityId">): void {
    this.entries.delete(`${read.connectionId}|${read.product}|${read.entityId ?? ""}`);
  }
}
