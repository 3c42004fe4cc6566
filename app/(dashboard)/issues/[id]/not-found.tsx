import { ButtonLink } from "@/components/ui/button";

export default function IssueNotFound() {
  return (
    <div className="rounded-lg bg-white p-10 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold">Issue not found</h1>
      <p className="mt-2 text-sm text-slate-500">
        It may have been removed with its employer, or the link is mistyped.
      </p>
      <ButtonLink href="/issues" className="mt-6">
        All issues
      </ButtonLink>
    </div>
  );
}
