"use client";

import { useActionState, useState } from "react";
import { createInvite } from "@/app/(dashboard)/employers/[id]/actions";
import { Dialog } from "@/components/ui/dialog";
import { ProductPicker } from "@/components/employers/product-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { ActionState } from "@/lib/safe-action";

export interface InviteCreateProps {
  employerId: string;
  /** The employer's contact e-mail; offered as "e-mail the link" when present. */
  contactEmail?: string | null;
  defaults: { products: string[]; manual: boolean; inviteDays: number };
}

/** expiresAt is already formatted in Perch's time zone. */
type Created = {
  inviteId: string;
  url: string;
  expiresAt: string;
  emailedTo: string | null;
  emailStatus: string | null;
};

/** "Create invite link": options, then the link shown once with a copy button. */
export function InviteCreate({ employerId, contactEmail, defaults }: InviteCreateProps) {
  const [open, setOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [state, formAction, pending] = useActionState<ActionState<Created>, FormData>(
    createInvite,
    null,
  );
  const [copied, setCopied] = useState(false);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const created = state?.ok && state.data;

  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => {
          setFormKey((k) => k + 1);
          setCopied(false);
          setOpen(true);
        }}
      >
        Create invite link
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Invite the employer to connect"
        description="The employer opens the link, sees what will be shared, and connects through Finch Connect. No Perch account needed."
        wide
      >
        <InviteForm
          key={formKey}
          employerId={employerId}
          contactEmail={contactEmail ?? null}
          defaults={defaults}
          formAction={formAction}
          pending={pending}
          errors={errors}
          error={state && !state.ok && !errors ? state.error : null}
          created={formKey > 0 && created ? created : null}
          copied={copied}
          onCopy={async (url) => {
            await navigator.clipboard?.writeText(url).catch(() => undefined);
            setCopied(true);
          }}
          onDone={() => setOpen(false)}
        />
      </Dialog>
    </>
  );
}

function InviteForm(props: {
  employerId: string;
  contactEmail: string | null;
  defaults: InviteCreateProps["defaults"];
  formAction: (formData: FormData) => void;
  pending: boolean;
  errors?: Record<string, string[] | undefined>;
  error: string | null;
  created: Created | null;
  copied: boolean;
  onCopy: (url: string) => void;
  onDone: () => void;
}) {
  const [submitted, setSubmitted] = useState(false);
  if (submitted && props.created) {
    return (
      <div className="space-y-4 px-5 py-4">
        <Alert tone="success" title="Invite link created">
          Send this link to the employer. It is shown only now; Perch keeps just a fingerprint of
          it. Valid until {props.created.expiresAt}.
        </Alert>
        {props.created.emailedTo ? (
          <p role="status" className="text-sm text-slate-700">
            {props.created.emailStatus === "sent"
              ? `E-mailed to ${props.created.emailedTo}.`
              : props.created.emailStatus === "not_configured"
                ? `E-mail is not configured (SMTP_URL); the message to ${props.created.emailedTo} is in the Outbox.`
                : `The e-mail to ${props.created.emailedTo} did not go out yet; Perch retries it (see the Outbox).`}
          </p>
        ) : null}
        <div className="flex items-center gap-2">
          <Input
            readOnly
            aria-label="Invite link"
            value={props.created.url}
            className="font-mono text-xs"
            onFocus={(e) => e.currentTarget.select()}
          />
          <Button variant="secondary" onClick={() => props.onCopy(props.created!.url)}>
            {props.copied ? "Copied" : "Copy link"}
          </Button>
        </div>
        <div className="flex justify-end">
          <Button onClick={props.onDone}>Done</Button>
        </div>
      </div>
    );
  }
  return (
    <form
      action={(formData) => {
        setSubmitted(true);
        props.formAction(formData);
      }}
      className="space-y-5 px-5 py-4"
      noValidate
    >
      <input type="hidden" name="employerId" value={props.employerId} />
      {props.error ? <Alert tone="danger">{props.error}</Alert> : null}
      <ProductPicker
        idPrefix="invite"
        defaults={props.defaults.products}
        error={props.errors?.products}
      />
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          name="manual"
          defaultChecked={props.defaults.manual}
          className="mt-0.5 rounded border-slate-300"
        />
        <span>
          <span className="font-medium">Include assisted providers</span>
          <span className="block text-xs text-slate-500">
            Lets the employer pick providers Finch connects through a third-party administrator.
          </span>
        </span>
      </label>
      <Field
        label="Valid for (days)"
        htmlFor="invite-days"
        error={props.errors?.days}
        className="max-w-40"
      >
        <Input
          id="invite-days"
          name="days"
          type="number"
          min={1}
          max={90}
          defaultValue={props.defaults.inviteDays}
        />
      </Field>
      {props.contactEmail ? (
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" name="email" className="mt-0.5 rounded border-slate-300" />
          <span>
            <span className="font-medium">E-mail the link to {props.contactEmail}</span>
            <span className="block text-xs text-slate-500">
              Sent from Perch with your company name (Settings → Branding).
            </span>
          </span>
        </label>
      ) : null}
      <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
        <Button type="submit" disabled={props.pending}>
          {props.pending ? "Creating…" : "Create link"}
        </Button>
      </div>
    </form>
  );
}
