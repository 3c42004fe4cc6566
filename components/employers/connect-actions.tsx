"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef, useState, useTransition } from "react";
import {
  recordConnectOutcome,
  startConnectSession,
  startReauthSession,
} from "@/app/(dashboard)/employers/[id]/actions";
import { useConnectFlow, type ConnectOutcome } from "@/components/connect/use-connect-flow";
import { ConnectResult } from "@/components/employers/connect-result";
import { Dialog } from "@/components/ui/dialog";
import { ProductPicker } from "@/components/employers/product-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import type { ActionResult, FieldErrors } from "@/lib/safe-action";

export interface ProviderOption {
  id: string;
  name: string;
  authMethods: string[];
}

export interface ConnectActionsProps {
  employerId: string;
  connectUrl: string | null;
  defaults: { products: string[]; manual: boolean; sessionMinutes: number };
  providers: ProviderOption[];
  lifetimes: { minutes: number; label: string }[];
  /** Offered only in sandbox mode. */
  sandbox: { default: "finch" | "provider" | null } | null;
  /** The live connection, when the page offers to re-authenticate it. */
  reauth: { connectionId: string; providerName: string; entityCount?: number } | null;
  /** Which button is the page's primary action (lib/employers/page-actions); the other is secondary. */
  primary: "connect" | "reauthenticate" | "other";
  disabledReason: string | null;
}

const METHOD_LABELS: Record<string, string> = {
  assisted: "Assisted (third-party administrator)",
  credential: "Credentials",
  oauth: "OAuth",
  api_token: "API token",
};

type SessionResult = ActionResult<{ sessionId: string; redirectTo: string | null }>;

/** Connect and re-authenticate buttons, the Connect options dialog, and the outcome toast. */
export function ConnectActions(props: ConnectActionsProps) {
  const { employerId, connectUrl, defaults, providers, lifetimes, sandbox, reauth } = props;
  const router = useRouter();
  const [dialogOpen, setDialogOpen] = useState(false);
  const [provider, setProvider] = useState("");
  const [errors, setErrors] = useState<{ message: string; fields?: FieldErrors } | null>(null);
  const [pending, startTransition] = useTransition();
  const connectButton = useRef<HTMLButtonElement>(null);

  const recordOutcome = useCallback(
    async (sessionId: string, outcome: ConnectOutcome, message?: string) => {
      await recordConnectOutcome(null, { sessionId, outcome, message });
      router.refresh();
    },
    [router],
  );
  const flow = useConnectFlow({
    connectUrl,
    exchangeUrl: "/api/finch/exchange",
    recordOutcome,
    onExchanged: () => router.refresh(),
  });

  function proceed(result: SessionResult) {
    if (!result.ok) {
      setErrors({ message: result.error, fields: result.fieldErrors });
      return false;
    }
    setErrors(null);
    setDialogOpen(false);
    if (result.data.redirectTo) window.location.assign(result.data.redirectTo);
    else flow.launch(result.data.sessionId, connectButton.current);
    return true;
  }

  const methods = providers.find((p) => p.id === provider)?.authMethods ?? [];
  const busy = pending || flow.state.phase === "exchanging";

  return (
    <>
      {reauth && (reauth.entityCount ?? 0) > 1 ? (
        <span id="reauth-entities-note" className="max-w-56 text-xs text-amber-800">
          Re-authentication can add entities but cannot remove any of the {reauth.entityCount}{" "}
          connected.
        </span>
      ) : null}
      {reauth ? (
        <Button
          variant={props.primary === "reauthenticate" ? "primary" : "secondary"}
          data-primary={props.primary === "reauthenticate" || undefined}
          aria-describedby={(reauth.entityCount ?? 0) > 1 ? "reauth-entities-note" : undefined}
          disabled={busy || Boolean(props.disabledReason)}
          onClick={() =>
            startTransition(async () => {
              const result = await startReauthSession(null, {
                employerId,
                connectionId: reauth.connectionId,
                flow: "embedded",
              });
              if (!result.ok) flow.setState({ phase: "error", message: result.error });
              else proceed(result);
            })
          }
        >
          Re-authenticate
        </Button>
      ) : null}
      <Button
        variant={props.primary === "connect" ? "primary" : "secondary"}
        data-primary={props.primary === "connect" || undefined}
        ref={connectButton}
        disabled={busy || Boolean(props.disabledReason)}
        title={props.disabledReason ?? undefined}
        onClick={() => {
          setErrors(null);
          setDialogOpen(true);
        }}
      >
        Connect with Finch
      </Button>

      <Dialog
        open={dialogOpen}
        onClose={() => setDialogOpen(false)}
        title="Start Finch Connect"
        description="Choose what to ask the employer for. The employer signs in to their provider inside Finch Connect."
        wide
      >
        <form
          className="space-y-5 px-5 py-4"
          noValidate
          action={(formData) =>
            startTransition(async () => {
              proceed(await startConnectSession(null, formData));
            })
          }
        >
          <input type="hidden" name="employerId" value={employerId} />
          {errors && !errors.fields ? <Alert tone="danger">{errors.message}</Alert> : null}
          <ProductPicker
            idPrefix="connect"
            defaults={defaults.products}
            error={errors?.fields?.products}
          />
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              name="manual"
              defaultChecked={defaults.manual}
              className="mt-0.5 rounded border-slate-300"
            />
            <span>
              <span className="font-medium">Include assisted providers</span>
              <span className="block text-xs text-slate-500">
                Shows providers Finch connects through a third-party administrator (takes 1–2 weeks
                to configure).
              </span>
            </span>
          </label>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Provider"
              htmlFor="connect-provider"
              hint="Optional: skip the provider list in Connect."
              error={errors?.fields?.provider}
            >
              <Select
                id="connect-provider"
                name="provider"
                value={provider}
                onChange={(e) => setProvider(e.target.value)}
              >
                <option value="">Let the employer choose</option>
                {providers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              label="Sign-in method"
              htmlFor="connect-auth-method"
              error={errors?.fields?.authMethod}
            >
              <Select
                id="connect-auth-method"
                name="authMethod"
                disabled={!provider}
                key={provider}
              >
                <option value="">{provider ? "Any the provider supports" : "—"}</option>
                {methods.map((m) => (
                  <option key={m} value={m}>
                    {METHOD_LABELS[m] ?? m}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              label="Session lifetime"
              htmlFor="connect-lifetime"
              hint="How long the Connect session can be used."
              error={errors?.fields?.minutesToExpire}
            >
              <Select
                id="connect-lifetime"
                name="minutesToExpire"
                defaultValue={String(defaults.sessionMinutes)}
              >
                {lifetimes.map((l) => (
                  <option key={l.minutes} value={l.minutes}>
                    {l.label}
                  </option>
                ))}
              </Select>
            </Field>
            {sandbox ? (
              <Field label="Sandbox" htmlFor="connect-sandbox" error={errors?.fields?.sandbox}>
                <Select
                  id="connect-sandbox"
                  name="sandbox"
                  defaultValue={sandbox.default ?? "finch"}
                >
                  <option value="finch">Finch sandbox (generated data)</option>
                  <option value="provider">Provider sandbox</option>
                </Select>
              </Field>
            ) : null}
          </div>
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">How to open Connect</legend>
            <div className="mt-2 space-y-1.5 text-sm text-slate-700">
              <label className="flex items-center gap-2">
                <input type="radio" name="flow" value="embedded" defaultChecked />
                In this page (embedded)
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="flow" value="redirect" />
                Full page, returning to Perch afterwards (redirect flow)
              </label>
            </div>
          </fieldset>
          <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
            <Button variant="ghost" onClick={() => setDialogOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Starting…" : "Open Finch Connect"}
            </Button>
          </div>
        </form>
      </Dialog>

      <ConnectResult state={flow.state} onDismiss={flow.reset} />
    </>
  );
}
