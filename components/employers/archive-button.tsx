"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { archiveEmployer } from "@/app/(dashboard)/employers/actions";
import { Button } from "@/components/ui/button";

export function ArchiveButton({ employerId, archived }: { employerId: string; archived: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="ghost"
      disabled={pending}
      title={error ?? undefined}
      onClick={() => {
        if (
          !archived &&
          !window.confirm(
            "Archive this employer? It leaves the active lists; you can restore it later.",
          )
        )
          return;
        startTransition(async () => {
          const result = await archiveEmployer(null, {
            id: employerId,
            archived: archived ? "false" : "true",
          });
          if (!result.ok) setError(result.error);
          router.refresh();
        });
      }}
    >
      {archived ? "Restore" : "Archive"}
    </Button>
  );
}
