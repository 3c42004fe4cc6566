import { PageSkeleton } from "@/components/ui/page-skeleton";

// Only segments without notFound() below them stream behind a skeleton: a page that streams
// has already sent 200, so a missing record could no longer answer 404.
export default function Loading() {
  return <PageSkeleton />;
}
