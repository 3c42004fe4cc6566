"use client";

import { useState, useTransition } from "react";
import {
  changeUserRole,
  resetUserPassword,
  setUserActive,
} from "@/app/(dashboard)/settings/users/actions";
import { OneTimeSecret } from "@/components/settings/one-time-secret";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import type { Role } from "@/db/schema";

export interface UserRowActionsProps {
  user: { id: string; email: string; role: Role; active: boolean };
  isSelf: boolean;
}

export function UserRowActions({ user, isSelf }: UserRowActionsProps) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState<string | null>(null);

  function run(action: () => Promise<{ ok: boolean; error?: string; data?: unknown }>) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setError(result.error ?? "That did not work.");
      else if (result.data && typeof result.data === "object" && "password" in result.data) {
        setPassword(String((result.data as { password: string }).password));
      }
    });
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex items-center justify-end gap-2">
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          Role for {user.email}
        </label>
        <div className="w-32 shrink-0">
          <Select
            id={`role-${user.id}`}
            defaultValue={user.role}
            disabled={pending || !user.active}
            onChange={(e) =>
              run(() => changeUserRole(null, { userId: user.id, role: e.target.value as Role }))
            }
          >
            <option value="viewer">Viewer</option>
            <option value="operator">Operator</option>
            <option value="admin">Admin</option>
          </Select>
        </div>
        <Button
          size="sm"
          variant="secondary"
          disabled={pending}
          onClick={() => {
            if (
              confirm(`Reset the password of ${user.email}? Their current password stops working.`)
            ) {
              run(() => resetUserPassword(null, { userId: user.id }));
            }
          }}
        >
          Reset password
        </Button>
        {!isSelf ? (
          <Button
            size="sm"
            variant={user.active ? "ghost" : "secondary"}
            disabled={pending}
            onClick={() => {
              if (
                !user.active ||
                confirm(`Deactivate ${user.email}? They are signed out at once.`)
              ) {
                run(() =>
                  setUserActive(null, { userId: user.id, active: user.active ? "false" : "true" }),
                );
              }
            }}
          >
            {user.active ? "Deactivate" : "Reactivate"}
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
      {password ? (
        <div className="text-left">
          <OneTimeSecret
            title="Password reset"
            label={`New password for ${user.email} (shown only now):`}
            secret={password}
          />
        </div>
      ) : null}
    </div>
  );
}
