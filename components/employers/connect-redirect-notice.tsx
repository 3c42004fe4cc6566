"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Alert } from "@/components/ui/alert";

const NOTICES: Record<
  string,
  { tone: "success" | "warning" | "danger"; title: string; body: string }
> = {
  connected: {
    tone: "success",
    title: "Connected through Finch Connect",
    body: "The connection is saved; its status is shown below.",
  },
  reauthenticated: {
    tone: "success",
    title: "Re-authenticated",
    body: "The connection keeps its id and now has a new access token.",
  },
  already: {
    tone: "success",
    title: "Already saved",
    body: "This Finch Connect result had already been saved; nothing changed.",
  },
  failed: {
    tone: "danger",
    title: "Finch Connect did not finish",
    body: "No connection was saved. Start Finch Connect again; the timeline below has the details.",
  },
};

/** The result of the redirect flow, which comes back to this page with ?connect=… */
export function ConnectRedirectNotice() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const notice = NOTICES[params.get("connect") ?? ""];
  if (!notice) return null;
  return (
    <Alert tone={notice.tone} title={notice.title} className="mb-4">
      <div className="flex items-start justify-between gap-3">
        <span>{notice.body}</span>
        <button
          type="button"
          className="text-xs font-medium underline"
          onClick={() => router.replace(pathname, { scroll: false })}
        >
          Dismiss
        </button>
      </div>
    </Alert>
  );
}
