import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * The products the proxy serves, their URL names, and each one's query parameters. Everything
 * is parsed here once, so the route, the employer page and the CSV export share the same bounds.
 */

export const PROXY_PRODUCTS = [
  "company",
  "directory",
  "individual",
  "employment",
  "payment",
  "pay_statement",
  "benefits",
] as const;
export type ProxyProduct = (typeof PROXY_PRODUCTS)[number];

/** URL segment → product. `pay-statement` is Finch's path; the others are accepted spellings. */
const URL_NAMES: Record<string, ProxyProduct> = {
  company: "company",
  directory: "directory",
  individual: "individual",
  employment: "employment",
  payment: "payment",
  payments: "payment",
  "pay-statement": "pay_statement",
  pay_statement: "pay_statement",
  "pay-statements": "pay_statement",
  benefits: "benefits",
  deductions: "benefits",
  deduction: "benefits",
};

export function productFromUrlName(name: string): ProxyProduct | null {
  return Object.hasOwn(URL_NAMES, name) ? URL_NAMES[name] : null;
}

/** Whether a connection's granted products include this one ("deduction" is benefits' old name). */
export function connectionHasProduct(products: readonly string[], product: ProxyProduct): boolean {
  if (product === "benefits")
    return products.includes("benefits") || products.includes("deduction");
  return products.includes(product);
}

export const DIRECTORY_MAX_LIMIT = 500;
export const MAX_INDIVIDUAL_IDS = 100;
export const MAX_PAYMENT_IDS = 10;
export const PAY_STATEMENT_MAX_LIMIT = 500;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date formatted YYYY-MM-DD")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, "Not a real calendar date");

const id = z.string().trim().min(1).max(100, "Ids are at most 100 characters");

function idList(label: string, max: number) {
  return z
    .array(id)
    .min(1, `Give at least one ${label}`)
    .max(max, `At most ${max} ${label}s per request`)
    .transform((ids) => [...new Set(ids)]);
}

const offset = z.coerce
  .number({ message: "Must be a whole number" })
  .int("Must be a whole number")
  .min(0, "Must be 0 or more")
  .default(0);

function limit(max: number, fallback: number) {
  return z.coerce
    .number({ message: "Must be a whole number" })
    .int("Must be a whole number")
    .min(1, "Must be at least 1")
    .max(max, `Must be at most ${max}`)
    .default(fallback);
}

/** Payments: both dates required, start not after end, and at most one year apart. */
export const paymentQuery = z
  .object({ start_date: isoDate, end_date: isoDate })
  .strict()
  .superRefine((q, ctx) => {
    if (q.start_date > q.end_date) {
      ctx.addIssue({
        code: "custom",
        path: ["start_date"],
        message: "start_date must not be after end_date",
      });
      return;
    }
    const start = new Date(`${q.start_date}T00:00:00Z`);
    const limitDate = new Date(start);
    limitDate.setUTCFullYear(start.getUTCFullYear() + 1);
    if (new Date(`${q.end_date}T00:00:00Z`) > limitDate) {
      ctx.addIssue({
        code: "custom",
        path: ["end_date"],
        message: "The date range can span at most one year",
      });
    }
  });

export const PRODUCT_QUERY_SCHEMAS = {
  company: z.object({}).strict(),
  directory: z.object({ limit: limit(DIRECTORY_MAX_LIMIT, 100), offset }).strict(),
  individual: z.object({ individual_ids: idList("individual id", MAX_INDIVIDUAL_IDS) }).strict(),
  employment: z.object({ individual_ids: idList("individual id", MAX_INDIVIDUAL_IDS) }).strict(),
  payment: paymentQuery,
  pay_statement: z
    .object({
      payment_ids: idList("payment id", MAX_PAYMENT_IDS),
      limit: limit(PAY_STATEMENT_MAX_LIMIT, 100),
      offset,
    })
    .strict(),
  benefits: z.object({ include: z.enum(["enrolled_count"]).optional() }).strict(),
} satisfies Record<ProxyProduct, z.ZodType>;

export type ProductQueryMap = { [P in ProxyProduct]: z.output<(typeof PRODUCT_QUERY_SCHEMAS)[P]> };
export type ProductQuery = {
  [P in ProxyProduct]: { product: P; params: ProductQueryMap[P] };
}[ProxyProduct];

const LIST_PARAMS = new Set(["individual_ids", "payment_ids"]);

/** Query string → plain object: list parameters may repeat and/or be comma-separated. */
function searchParamsToObject(search: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const rawKey of new Set(search.keys())) {
    const key = rawKey.endsWith("[]") ? rawKey.slice(0, -2) : rawKey;
    const values = search.getAll(rawKey);
    if (LIST_PARAMS.has(key)) {
      const list = values.flatMap((v) => v.split(",")).map((v) => v.trim());
      out[key] = [...((out[key] as string[] | undefined) ?? []), ...list.filter(Boolean)];
    } else {
      out[key] = values.at(-1);
    }
  }
  return out;
}

function invalid(error: z.ZodError, product: ProxyProduct): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        fieldErrors[key] = [`Unknown parameter for ${product}`];
      }
      continue;
    }
    const field = String(issue.path[0] ?? "query");
    (fieldErrors[field] ??= []).push(issue.message);
  }
  const summary = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages[0]}`)
    .join("; ");
  return new AppError("invalid_input", `Invalid parameters for ${product}: ${summary}.`, {
    fieldErrors,
  });
}

/** Parses one product's parameters; throws an invalid_input AppError naming each bad field. */
export function parseProductQuery<P extends ProxyProduct>(
  product: P,
  input: URLSearchParams | Record<string, unknown>,
): { product: P; params: ProductQueryMap[P] } {
  const raw = input instanceof URLSearchParams ? searchParamsToObject(input) : { ...input };
  // Every product takes `entity_id`; it is resolved against the connection (lib/data-proxy/entity).
  delete raw.entity_id;
  for (const key of LIST_PARAMS) {
    if (typeof raw[key] === "string") raw[key] = (raw[key] as string).split(",");
  }
  const parsed = PRODUCT_QUERY_SCHEMAS[product].safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error, product);
  return { product, params: parsed.data as ProductQueryMap[P] };
}
