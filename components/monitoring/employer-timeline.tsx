export interface EmployerTimelineProps {
  employerId: string;
}

export function EmployerTimeline(_props: EmployerTimelineProps) {
  return null;
}
