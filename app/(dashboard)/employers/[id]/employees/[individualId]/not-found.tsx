import { ButtonLink } from "@/components/ui/button";

export default function EmployeeNotFound() {
  return (
    <div className="rounded-lg bg-white p-10 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold">Person not found</h1>
      <p className="mt-2 text-sm text-slate-500">
        Finch does not know this person for this employer. They may have been removed from the
        provider, or the link is mistyped.
      </p>
      <ButtonLink href="/employers" className="mt-6">
        All employers
      </ButtonLink>
    </div>
  );
}
