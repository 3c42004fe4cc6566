"use client";

import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { requestDeductionChangeAction } from "@/app/(dashboard)/employers/[id]/deduction-actions";
import { benefitTypeLabel, frequencyLabel } from "@/components/data/format";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import {
  BENEFIT_FREQUENCIES,
  BENEFIT_TYPES,
  deductionChangeRequestSchema,
  describeChange,
  individualsOf,
  MAX_INDIVIDUALS_PER_CHANGE,
  toFinchAmount,
  type Contribution,
  type DeductionChangeRequest,
} from "@/lib/deductions/requests";

export interface WritePanelBenefit {
  id: string;
  name: string;
  type: string | null;
}

export interface WritePanelPerson {
  id: string;
  name: string;
}

export interface DeductionWritePanelProps {
  employerId: string;
  assisted: boolean;
  benefits: WritePanelBenefit[];
  /** Null when the directory could not be read (the ids can still be typed in). */
  people: WritePanelPerson[] | null;
  deadlineRule: string;
}

type Action = "enroll" | "unenroll" | "create_benefit" | "register_benefit" | "update_benefit";

const ACTIONS: { id: Action; label: string; assistedOnly?: boolean }[] = [
  { id: "enroll", label: "Enroll employees or change a contribution" },
  { id: "unenroll", label: "Stop a deduction" },
  { id: "create_benefit", label: "Create a company benefit" },
  { id: "register_benefit", label: "Register an existing benefit", assistedOnly: true },
  { id: "update_benefit", label: "Rename a company benefit" },
];

type AmountKind = "none" | "fixed" | "percent";

function contribution(kind: AmountKind, text: string): Contribution | null | "invalid" {
  if (kind === "none") return null;
  const amount = toFinchAmount(text);
  return amount === null ? "invalid" : { type: kind, amount };
}

/** The Deductions tab's write form: build a change, check it, confirm it, send it. */
export function DeductionWritePanel({
  employerId,
  assisted,
  benefits,
  people,
  deadlineRule,
}: DeductionWritePanelProps) {
  const [action, setAction] = useState<Action>("enroll");
  const [benefitId, setBenefitId] = useState(benefits[0]?.id ?? "");
  const [selected, setSelected] = useState<string[]>([]);
  const [typedIds, setTypedIds] = useState("");
  const [search, setSearch] = useState("");
  const [deductionKind, setDeductionKind] = useState<AmountKind>("percent");
  const [deductionAmount, setDeductionAmount] = useState("");
  const [contributionKind, setContributionKind] = useState<AmountKind>("none");
  const [contributionAmount, setContributionAmount] = useState("");
  const [effectiveDate, setEffectiveDate] = useState("");
  const [benefitType, setBenefitType] = useState<string>("");
  const [name, setName] = useState("");
  const [frequency, setFrequency] = useState<string>("every_paycheck");
  const [errors, setErrors] = useState<string[]>([]);
  const [review, setReview] = useState<{ request: DeductionChangeRequest; key: string } | null>(
    null,
  );
  const [result, setResult] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  // The tab streams in after the page: tests wait for this panel itself to be interactive.
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    sectionRef.current?.setAttribute("data-hydrated", "true");
  }, []);

  const names = useMemo(() => new Map((people ?? []).map((p) => [p.id, p.name])), [people]);
  const benefit = benefits.find((b) => b.id === benefitId);
  const visiblePeople = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (people ?? []).filter((p) => !q || p.name.toLowerCase().includes(q)).slice(0, 200);
  }, [people, search]);

  function individualIds(): string[] {
    if (people) return selected;
    return typedIds
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter(Boolean);
  }

  function build(): { request?: DeductionChangeRequest; problems: string[] } {
    const problems: string[] = [];
    let draft: unknown;
    if (action === "enroll") {
      const deduction = contribution(deductionKind, deductionAmount);
      const company = contribution(contributionKind, contributionAmount);
      if (deduction === "invalid")
        problems.push("Employee deduction: enter a number such as 5 or 125.50");
      if (company === "invalid")
        problems.push("Company contribution: enter a number such as 3 or 50");
      draft = {
        kind: "enroll",
        benefitId,
        payload: {
          individuals: individualIds().map((individual_id) => ({
            individual_id,
            employee_deduction: deduction === "invalid" ? null : deduction,
            company_contribution: company === "invalid" ? null : company,
            effective_date: effectiveDate || null,
          })),
        },
      };
    } else if (action === "unenroll") {
      draft = { kind: "unenroll", benefitId, payload: { individual_ids: individualIds() } };
    } else if (action === "update_benefit") {
      draft = { kind: "update_benefit", benefitId, payload: { description: name } };
    } else {
      draft = {
        kind: action,
        benefitId: null,
        payload: { type: benefitType, description: name, frequency },
      };
    }
    if (
      (action === "enroll" || action === "unenroll" || action === "update_benefit") &&
      !benefitId
    ) {
      problems.push("Choose a benefit");
    }
    const parsed = deductionChangeRequestSchema.safeParse(draft);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (!problems.includes(issue.message)) problems.push(issue.message);
      }
    }
    return problems.length || !parsed.success ? { problems } : { request: parsed.data, problems };
  }

  function onReview() {
    setResult(null);
    const { request, problems } = build();
    setErrors(problems);
    if (request) setReview({ request, key: crypto.randomUUID() });
  }

  function onConfirm() {
    if (!review) return;
    const { request, key } = review;
    const peopleNames = Object.fromEntries(
      individualsOf(request).map((id) => [id, names.get(id) ?? id]),
    );
    startTransition(async () => {
      const answer = await requestDeductionChangeAction(null, {
        employerId,
        idempotencyKey: key,
        request,
        benefitName: benefit?.name ?? null,
        people: peopleNames,
      });
      setReview(null);
      if (!answer.ok) {
        setResult({ tone: "danger", text: answer.error });
      } else if (answer.data.status === "failed") {
        setResult({ tone: "danger", text: answer.data.error ?? "Finch refused the change." });
      } else {
        setSelected([]);
        setResult({
          tone: "success",
          text: `Sent to Finch. The change is pending; Finch has until ${answer.data.deadlineLabel} (${deadlineRule}).`,
        });
      }
    });
  }

  const needsBenefit = action === "enroll" || action === "unenroll" || action === "update_benefit";
  const needsPeople = action === "enroll" || action === "unenroll";
  const newBenefit = action === "create_benefit" || action === "register_benefit";

  return (
    <section
      aria-labelledby="write-deductions"
      ref={sectionRef}
      className="space-y-4 rounded-md p-4 ring-1 ring-slate-200"
    >
      <div>
        <h3 id="write-deductions" className="text-sm font-semibold text-slate-900">
          Write deductions
        </h3>
        <p className="text-xs text-slate-500">
          Sent to the provider through Finch, which has {deadlineRule} to apply each change.
        </p>
      </div>
      {result ? <Alert tone={result.tone}>{result.text}</Alert> : null}
      {errors.length ? (
        <Alert tone="danger" title="Please fix before sending">
          <ul className="list-disc pl-5">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Change" htmlFor="deduction-action">
          <Select
            id="deduction-action"
            value={action}
            onChange={(e) => {
              setAction(e.target.value as Action);
              setErrors([]);
            }}
          >
            {ACTIONS.filter((a) => !a.assistedOnly || assisted).map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </Select>
        </Field>
        {needsBenefit ? (
          <Field label="Benefit" htmlFor="deduction-benefit">
            <Select
              id="deduction-benefit"
              value={benefitId}
              onChange={(e) => setBenefitId(e.target.value)}
            >
              {benefits.length ? null : <option value="">No benefits yet</option>}
              {benefits.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name} ({benefitTypeLabel(b.type)})
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {newBenefit ? (
          <Field label="Benefit type" htmlFor="deduction-type">
            <Select
              id="deduction-type"
              value={benefitType}
              onChange={(e) => setBenefitType(e.target.value)}
            >
              <option value="">Choose…</option>
              {BENEFIT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {benefitTypeLabel(t)}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {newBenefit || action === "update_benefit" ? (
          <Field
            label={action === "update_benefit" ? "New name" : "Name"}
            htmlFor="deduction-name"
            hint="As it appears on pay statements; 30 characters at most."
          >
            <Input
              id="deduction-name"
              value={name}
              maxLength={60}
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
        ) : null}
        {newBenefit ? (
          <Field label="Frequency" htmlFor="deduction-frequency">
            <Select
              id="deduction-frequency"
              value={frequency}
              onChange={(e) => setFrequency(e.target.value)}
            >
              {BENEFIT_FREQUENCIES.map((f) => (
                <option key={f} value={f}>
                  {frequencyLabel(f)}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
      </div>

      {needsPeople ? (
        people ? (
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-700">
              Employees ({selected.length} chosen, at most {MAX_INDIVIDUALS_PER_CHANGE})
            </legend>
            <Input
              aria-label="Search employees"
              placeholder="Search by name"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <ul className="max-h-56 divide-y divide-slate-100 overflow-y-auto rounded-md ring-1 ring-slate-200">
              {visiblePeople.map((p) => (
                <li key={p.id} className="px-3 py-1.5">
                  <label className="flex items-center gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      checked={selected.includes(p.id)}
                      onChange={(e) =>
                        setSelected((current) =>
                          e.target.checked
                            ? [...current, p.id]
                            : current.filter((id) => id !== p.id),
                        )
                      }
                    />
                    {p.name}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : (
          <Field
            label="Employee ids"
            htmlFor="deduction-people"
            hint="The directory could not be read; paste Finch individual ids, one per line."
          >
            <textarea
              id="deduction-people"
              className="block w-full rounded-md px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
              rows={3}
              value={typedIds}
              onChange={(e) => setTypedIds(e.target.value)}
            />
          </Field>
        )
      ) : null}

      {action === "enroll" ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Employee deduction" htmlFor="deduction-amount" hint="Per pay period.">
            <div className="flex gap-2">
              <Select
                aria-label="Employee deduction type"
                value={deductionKind}
                onChange={(e) => setDeductionKind(e.target.value as AmountKind)}
                className="w-28"
              >
                <option value="percent">% of pay</option>
                <option value="fixed">$ fixed</option>
                <option value="none">None</option>
              </Select>
              <Input
                id="deduction-amount"
                inputMode="decimal"
                value={deductionAmount}
                disabled={deductionKind === "none"}
                onChange={(e) => setDeductionAmount(e.target.value)}
              />
            </div>
          </Field>
          <Field label="Company contribution" htmlFor="contribution-amount">
            <div className="flex gap-2">
              <Select
                aria-label="Company contribution type"
                value={contributionKind}
                onChange={(e) => setContributionKind(e.target.value as AmountKind)}
                className="w-28"
              >
                <option value="none">None</option>
                <option value="percent">% of pay</option>
                <option value="fixed">$ fixed</option>
              </Select>
              <Input
                id="contribution-amount"
                inputMode="decimal"
                value={contributionAmount}
                disabled={contributionKind === "none"}
                onChange={(e) => setContributionAmount(e.target.value)}
              />
            </div>
          </Field>
          <Field label="Effective date" htmlFor="deduction-effective" hint="Optional.">
            <Input
              id="deduction-effective"
              type="date"
              value={effectiveDate}
              onChange={(e) => setEffectiveDate(e.target.value)}
            />
          </Field>
        </div>
      ) : null}

      <Button onClick={onReview} disabled={pending}>
        Review change
      </Button>

      <Dialog
        open={review !== null}
        onClose={() => setReview(null)}
        title="Confirm the deduction change"
        description={`Finch has ${deadlineRule} to apply it.`}
        wide
      >
        {review ? (
          <div className="space-y-3 px-5 py-4 text-sm text-slate-700">
            <p className="font-medium text-slate-900">
              {describeChange(review.request, { benefit: benefit?.name, people: names })}
            </p>
            {individualsOf(review.request).length ? (
              <div>
                <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
                  Written to {individualsOf(review.request).length} employee
                  {individualsOf(review.request).length === 1 ? "" : "s"}
                </p>
                <ul className="mt-1 max-h-40 list-disc overflow-y-auto pl-5">
                  {individualsOf(review.request).map((id) => (
                    <li key={id}>{names.get(id) ?? id}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="flex justify-end gap-2 pt-2">
              <Button variant="secondary" onClick={() => setReview(null)} disabled={pending}>
                Cancel
              </Button>
              <Button onClick={onConfirm} disabled={pending}>
                {pending ? "Sending…" : "Write to payroll"}
              </Button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </section>
  );
}
