import { signOutAction } from "@/app/(auth)/actions";
import { Badge } from "@/components/ui/badge";
import type { SessionUser } from "@/lib/session";

export function UserMenu({ user }: { user: SessionUser }) {
  return (
    <div className="flex items-center gap-3">
      <div className="hidden text-right sm:block">
        <p className="text-sm font-medium text-slate-900" data-testid="current-user">
          {user.name ?? user.email}
        </p>
        <p className="text-xs text-slate-500">{user.name ? user.email : null}</p>
      </div>
      <Badge tone="brand" className="capitalize">
        {user.role}
      </Badge>
      <form action={signOutAction}>
        <button
          type="submit"
          className="rounded-md px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
        >
          Sign out
        </button>
      </form>
    </div>
  );
}
