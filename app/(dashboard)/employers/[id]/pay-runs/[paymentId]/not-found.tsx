import { ButtonLink } from "@/components/ui/button";

export default function PayRunNotFound() {
  return (
    <div className="rounded-lg bg-white p-10 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold">Pay run not found</h1>
      <p className="mt-2 text-sm text-slate-500">
        Finch does not know this pay run for this employer, or the link is mistyped.
      </p>
      <ButtonLink href="/employers" className="mt-6">
        All employers
      </ButtonLink>
    </div>
  );
}
