import { Shell } from "@/app/connect/[token]/invite-shell";

/** An unknown, expired or revoked invite link: answered with 404, revealing nothing. */
export default function InviteNotFound() {
  return (
    <Shell>
      <h1 className="text-xl font-semibold text-slate-900">This link is no longer valid</h1>
      <p className="mt-2 text-sm leading-6 text-slate-600">
        It may have expired or been replaced by a newer link. Ask the person who sent it to you for
        a new one.
      </p>
    </Shell>
  );
}
