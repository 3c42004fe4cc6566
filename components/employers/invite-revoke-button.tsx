"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { revokeInvite } from "@/app/(dashboard)/employers/[id]/actions";
import { Button } from "@/components/ui/button";

export function InviteRevokeButton({
  employerId,
  inviteId,
}: {
  employerId: string;
  inviteId: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      size="sm"
      variant="ghost"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await revokeInvite(null, { employerId, inviteId });
          router.refresh();
        })
      }
    >
      {pending ? "Revoking…" : "Revoke"}
    </Button>
  );
}
