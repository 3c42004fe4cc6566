import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { InviteConnect } from "@/app/connect/[token]/invite-connect";
import { Shell } from "@/app/connect/[token]/invite-shell";
import { Badge } from "@/components/ui/badge";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { noteInviteOpened, resolveInvite, type ResolvedInvite } from "@/lib/onboarding/invites";
import { limitInviteTraffic } from "@/lib/onboarding/rate-limit";
import { sharedDataDescriptions } from "@/lib/onboarding/shared-data";
import { describeStatus } from "@/lib/status/catalogue";
import { formatDate } from "@/lib/status/relative-time";

export const metadata: Metadata = {
  title: "Connect your payroll provider",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

type Params = { token: string };

function Unavailable({ title, message }: { title: string; message: string }) {
  return (
    <Shell>
      <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      <p className="mt-2 text-sm leading-6 text-slate-600">{message}</p>
    </Shell>
  );
}

async function load(token: string): Promise<ResolvedInvite | "rate_limited"> {
  try {
    await limitInviteTraffic("page", await headers());
  } catch (error) {
    if (isAppError(error) && error.code === "rate_limited") return "rate_limited";
    throw error;
  }
  return resolveInvite(token);
}

/** The employer's page: who is asking, what will be shared, Connect, and afterwards the status. */
export default async function InvitePage({ params }: { params: Promise<Params> }) {
  const { token } = await params;
  const resolved = await load(token);
  if (resolved === "rate_limited") {
    return (
      <Unavailable
        title="Please wait a moment"
        message="This page was opened too many times in a short while. Try again in a minute."
      />
    );
  }
  // Unknown, expired and revoked links look the same from outside (not-found.tsx): HTTP 404.
  if (!resolved.valid) notFound();

  const { invite, employer, connection, now } = resolved;
  await noteInviteOpened(invite, now);
  const { mode, finch, timeZone } = env();
  const connectUrl = mode === "demo" ? null : finch.connectUrl;
  const live = connection && connection.status !== "disconnected" ? connection : null;
  const shared = sharedDataDescriptions(invite.products);

  if (live) {
    const provider = live.providerName ?? live.providerId;
    const status = describeStatus(live.status, { providerName: provider });
    return (
      <Shell by={employer.name}>
        <p className="text-sm font-medium text-brand-700">{employer.name}</p>
        <h1 className="mt-1 text-xl font-semibold text-slate-900">Your {provider} connection</h1>
        <div className="mt-4 flex items-center gap-2">
          <span className="text-sm text-slate-600">Status</span>
          <Badge tone={status.tone} data-testid="invite-status">
            {status.label}
          </Badge>
        </div>
        <p className="mt-3 text-sm leading-6 text-slate-600">{status.employerSummary}</p>
        <div
          className={`mt-5 rounded-lg p-4 text-sm leading-6 ring-1 ring-inset ${status.employerMustAct || live.status === "pending" ? "bg-amber-50 text-amber-900 ring-amber-200" : "bg-slate-50 text-slate-700 ring-slate-200"}`}
        >
          <p className="font-medium">What you need to do</p>
          <p className="mt-1" data-testid="invite-next-step">
            {status.employerAction}
          </p>
          {live.assisted &&
          ["pending", "error_no_account_setup", "error_permissions"].includes(live.status) ? (
            <p className="mt-2 text-xs">
              Finch checks for the invitation within one business day. After that it needs one to
              two weeks to set up the connection; nothing else is needed from you unless we get in
              touch.
            </p>
          ) : null}
        </div>
        {live.status === "reauth" ? (
          <div className="mt-6">
            <InviteConnect
              token={token}
              connectUrl={connectUrl}
              label={`Sign in to ${provider} again`}
            />
          </div>
        ) : ["error_no_account_setup", "error_permissions"].includes(live.status) ? (
          <div className="mt-6">
            <InviteConnect
              token={token}
              connectUrl={connectUrl}
              label="Open Finch Connect to see the steps again"
            />
          </div>
        ) : null}
        <p className="mt-6 text-xs text-slate-500">
          You can come back to this page until {formatDate(invite.expiresAt, timeZone)} to check the
          status.
        </p>
      </Shell>
    );
  }

  return (
    <Shell by={employer.name}>
      <p className="text-sm font-medium text-brand-700">{employer.name}</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">
        Connect your payroll and HR system
      </h1>
      <p className="mt-2 text-sm leading-6 text-slate-600">
        Perch has been asked to connect <strong>{employer.name}</strong>&apos;s payroll or HR
        provider through Finch, so your benefits and payroll partner can read the data below without
        spreadsheets. It takes a few minutes.
      </p>
      <h2 className="mt-6 text-sm font-semibold text-slate-900">What will be shared (read only)</h2>
      <ul className="mt-2 space-y-2 text-sm text-slate-700" aria-label="Data that will be shared">
        {shared.map((line) => (
          <li key={line} className="flex gap-2">
            <span aria-hidden="true" className="mt-0.5 text-emerald-600">
              ✓
            </span>
            <span>{line}</span>
          </li>
        ))}
      </ul>
      <h2 className="mt-6 text-sm font-semibold text-slate-900">How it works</h2>
      <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-600">
        <li>Choose your provider in Finch Connect.</li>
        <li>
          Sign in as an administrator
          {invite.manual
            ? ", or — for some providers — add Finch as a third-party administrator"
            : ""}
          .
        </li>
        <li>Come back to this page any time to see the status.</li>
      </ol>
      <div className="mt-6">
        <InviteConnect
          token={token}
          connectUrl={connectUrl}
          label={connection ? "Connect again with Finch" : "Connect with Finch"}
        />
      </div>
      <p className="mt-4 text-xs text-slate-500">
        This link is for {employer.name} only and works until{" "}
        {formatDate(invite.expiresAt, timeZone)}.
      </p>
    </Shell>
  );
}
