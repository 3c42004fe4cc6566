"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { disconnectConnection } from "@/app/(dashboard)/employers/[id]/actions";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export interface DisconnectButtonProps {
  employerId: string;
  connectionId: string;
  providerName: string;
}

/** Disconnect, after a confirmation that says what it does and that it cannot be undone. */
export function DisconnectButton({
  employerId,
  connectionId,
  providerName,
}: DisconnectButtonProps) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        Disconnect
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Disconnect ${providerName}?`}
        description="Finch revokes the access token and stops syncing this employer's data."
      >
        <div className="space-y-4 px-5 py-4 text-sm text-slate-600">
          {error ? <Alert tone="danger">{error}</Alert> : null}
          <p>
            Perch deletes the stored token and marks the connection as disconnected; it stays in the
            employer&apos;s history. A disconnected connection cannot be restored — to share data
            again, the employer must connect anew.
          </p>
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              variant="danger"
              disabled={pending}
              onClick={() =>
                startTransition(async () => {
                  const result = await disconnectConnection(null, {
                    employerId,
                    connectionId,
                    confirm: "disconnect",
                  });
                  if (!result.ok) {
                    setError(result.error);
                    return;
                  }
                  setOpen(false);
                  router.refresh();
                })
              }
            >
              {pending ? "Disconnecting…" : "Disconnect"}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
