import { PageHeader } from "@/components/ui/page-header";
import type { Connection, Employer } from "@/db/schema";
import type { SessionUser } from "@/lib/session";

export interface EmployerHeaderProps {
  employer: Employer;
  connection: Connection | null;
  user: SessionUser;
}

export function EmployerHeader({ employer }: EmployerHeaderProps) {
  return <PageHeader title={employer.name} description={`Customer id ${employer.customerId}`} />;
}
