import { cn } from "@/components/ui/cn";

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "danger" | "brand";

const TONES: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-500/20",
  info: "bg-sky-50 text-sky-700 ring-sky-600/20",
  success: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  warning: "bg-amber-50 text-amber-800 ring-amber-600/25",
  danger: "bg-red-50 text-red-700 ring-red-600/20",
  brand: "bg-brand-50 text-brand-700 ring-brand-600/20",
};

export interface BadgeProps extends React.HTMLAttributes<HTMLSpanElement> {
  tone?: BadgeTone;
}

export function Badge({ tone = "neutral", className, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        // inline-flex items-center gap-1 rounded-md px-2 py-0.5 text-xs font-medium
        // whitespace-nowrap ring-1 ring-inset, in one short class (app/globals.css).
        "badge",
        TONES[tone],
        className,
      )}
      {...props}
    />
  );
}
