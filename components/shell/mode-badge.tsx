import { Badge } from "@/components/ui/badge";
import type { PerchMode } from "@/lib/env";

const MODES: Record<
  PerchMode,
  { label: string; tone: "warning" | "info" | "success"; title: string }
> = {
  demo: {
    label: "Demo",
    tone: "warning",
    title: "Built-in Finch emulator and embedded database. Nothing here is real.",
  },
  sandbox: {
    label: "Sandbox",
    tone: "info",
    title: "Finch sandbox credentials: test connections only.",
  },
  production: { label: "Production", tone: "success", title: "Live Finch connections." },
};

export function ModeBadge({ mode }: { mode: PerchMode }) {
  const { label, tone, title } = MODES[mode];
  return (
    <Badge tone={tone} title={title} data-testid="mode-badge">
      {label}
    </Badge>
  );
}
