import type { Connection, Employer } from "@/db/schema";
import type { SessionUser } from "@/lib/session";

export interface ConnectionOverviewProps {
  employer: Employer;
  connection: Connection | null;
  now: Date;
  user: SessionUser;
}

export function ConnectionOverview(_props: ConnectionOverviewProps) {
  return null;
}
