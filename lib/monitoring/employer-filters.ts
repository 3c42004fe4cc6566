import { z } from "zod";
import { EMPLOYER_SORTS, type EmployerListQuery } from "@/db/queries/employer-list";

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const text = (max: number) =>
  z.preprocess(
    first,
    z
      .string()
      .trim()
      .max(max)
      .optional()
      .transform((v) => v || undefined)
      .catch(undefined),
  );
const days = z.preprocess(
  first,
  z.coerce.number().int().min(0).max(3650).optional().catch(undefined),
);

/** Rows per page the list offers; the first is the default (a screenful or two, quick to scan). */
export const EMPLOYER_PAGE_SIZES = [25, 50, 100] as const;
export type EmployerPageSize = (typeof EMPLOYER_PAGE_SIZES)[number];
export const DEFAULT_EMPLOYER_PAGE_SIZE: EmployerPageSize = EMPLOYER_PAGE_SIZES[0];

/** The employer list's URL: every filter, the sort, the page size and the page cursor. */
export const employerSearchParams = z.object({
  q: text(200),
  status: text(40),
  provider: text(80),
  kind: z.preprocess(first, z.enum(["assisted", "automated"]).optional().catch(undefined)),
  attention: text(40),
  readyFrom: days,
  readyTo: days,
  sort: z.preprocess(first, z.enum(EMPLOYER_SORTS).optional().catch(undefined)),
  size: z.preprocess(
    first,
    z.coerce
      .number()
      .refine((n): n is EmployerPageSize => (EMPLOYER_PAGE_SIZES as readonly number[]).includes(n))
      .optional()
      .catch(undefined),
  ),
  after: text(400),
  before: text(400),
});

export type EmployerSearch = z.infer<typeof employerSearchParams>;

export function parseEmployerSearch(params: SearchParams): EmployerSearch {
  return employerSearchParams.parse(params);
}

export function employerQuery(search: EmployerSearch, now: Date): EmployerListQuery {
  return {
    q: search.q,
    status: search.status,
    provider: search.provider,
    kind: search.kind,
    attention: search.attention,
    readyFromDays: search.readyTo !== undefined ? (search.readyFrom ?? 0) : undefined,
    readyToDays: search.readyTo,
    now,
    sort: search.sort,
    after: search.after,
    before: search.before,
    pageSize: search.size ?? DEFAULT_EMPLOYER_PAGE_SIZE,
  };
}

/** A URL for the list with some parameters changed; paging cursors reset unless given. */
export function employerListHref(
  search: EmployerSearch,
  changes: Partial<Record<keyof EmployerSearch, string | number | undefined>>,
  path = "/employers",
): string {
  const merged: Record<string, unknown> = {
    ...search,
    after: undefined,
    before: undefined,
    ...changes,
  };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
