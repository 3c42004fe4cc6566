import type { Connection, Employer } from "@/db/schema";
import type { SessionUser } from "@/lib/session";

export interface OnboardingPanelProps {
  employer: Employer;
  connection: Connection | null;
  user: SessionUser;
  now: Date;
}

export function OnboardingPanel(_props: OnboardingPanelProps) {
  return null;
}
