"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useSyncExternalStore, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

export interface FilterBarProps {
  /** The list page the filters apply to, e.g. "/employers". */
  action: string;
  /** What the filters filter, for the search landmark. */
  label: string;
  /** Filter fields (named inputs and selects), hidden inputs included. */
  children: React.ReactNode;
  className?: string;
}

const noSubscription = () => () => undefined;

/** How long typing may pause before a search applies. */
const TYPING_PAUSE_MS = 400;

/** The URL the form would GET, without the empty fields a plain submit would add. */
function filterHref(form: HTMLFormElement, action: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string" && value.trim() !== "") params.append(name, value);
  }
  const query = params.toString();
  return query ? `${action}?${query}` : action;
}

/**
 * A list page's filters as a GET form that applies as you change it: a select at once, a search
 * once typing pauses. Without JavaScript it is a plain form with an Apply button at the end
 * (after the filters in tab order); once hydrated the button goes, as nothing needs it.
 */
export function FilterBar({ action, label, children, className }: FilterBarProps) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // False in the server's HTML, true once hydrated: JavaScript is there to apply changes.
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  // A link (Clear, a sortable column, paging) changes the URL without remounting the form, and
  // React leaves uncontrolled fields as they were: show what the URL now says, except in the
  // field being typed in.
  const searchParams = useSearchParams();
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    for (const field of Array.from(form.elements)) {
      if (field === document.activeElement) continue;
      if (field instanceof HTMLSelectElement) {
        field.value = searchParams.get(field.name) ?? "";
        if (field.selectedIndex === -1) field.selectedIndex = 0;
      } else if (field instanceof HTMLInputElement && field.type === "search") {
        field.value = searchParams.get(field.name) ?? "";
      }
    }
  }, [searchParams]);

  const apply = () => {
    const form = formRef.current;
    if (!form) return;
    if (timer.current) clearTimeout(timer.current);
    const href = filterHref(form, action);
    startTransition(() => router.replace(href, { scroll: false }));
  };

  return (
    <form
      ref={formRef}
      method="get"
      action={action}
      role="search"
      aria-label={label}
      aria-busy={pending}
      data-filter-bar={enhanced ? "live" : "static"}
      className={cn("flex flex-wrap items-end gap-3", className)}
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
      onChange={(event) => {
        // Text fields apply when typing pauses (onInput); everything else at once.
        if (event.target instanceof HTMLInputElement && event.target.type === "search") return;
        apply();
      }}
      onInput={(event) => {
        if (!(event.target instanceof HTMLInputElement) || event.target.type !== "search") return;
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(apply, TYPING_PAUSE_MS);
      }}
    >
      {children}
      {enhanced ? null : (
        <Button type="submit" variant="secondary">
          Apply
        </Button>
      )}
    </form>
  );
}
