import type { Connection, Employer } from "@/db/schema";
import type { SessionUser } from "@/lib/session";

export interface EmployerDataProps {
  employer: Employer;
  connection: Connection | null;
  user: SessionUser;
  searchParams: Record<string, string | string[] | undefined>;
  now: Date;
}

export function EmployerData(_props: EmployerDataProps) {
  return null;
}
