import { DemoClockControls } from "@/components/shell/demo-clock-controls";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { currentUser, hasRole } from "@/lib/session";
import { formatDateTime } from "@/lib/status/relative-time";

/** The emulator's simulated clock in the header (demo mode), with controls for operators. */
export async function DemoClock() {
  const [now, user] = await Promise.all([appNow(), currentUser()]);
  return (
    <DemoClockControls
      now={now.toISOString()}
      label={formatDateTime(now, env().timeZone)}
      canControl={Boolean(user && hasRole(user, "operator"))}
    />
  );
}
