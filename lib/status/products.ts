/**
 * Finch products and the three groups whose assisted configuration periods Finch
 * publishes (Organization and Payroll 2 weeks, Deductions 1 week).
 */

export const FINCH_PRODUCTS = [
  "benefits",
  "company",
  "deduction",
  "directory",
  "documents",
  "employment",
  "individual",
  "payment",
  "pay_statement",
  "plans",
  "plans_dependents",
  "plans_enrollments",
  "recordkeeping",
  "ssn",
] as const;

export type FinchProduct = (typeof FINCH_PRODUCTS)[number];

export const PRODUCT_LABELS: Record<FinchProduct, string> = {
  benefits: "Benefits",
  company: "Company",
  deduction: "Deductions",
  directory: "Directory",
  documents: "Documents",
  employment: "Employment",
  individual: "Individual",
  payment: "Payments",
  pay_statement: "Pay statements",
  plans: "Plans",
  plans_dependents: "Plan dependents",
  plans_enrollments: "Plan enrollments",
  recordkeeping: "Recordkeeping",
  ssn: "SSN",
};

export const DEFAULT_CONNECT_PRODUCTS = [
  "company",
  "directory",
  "individual",
  "employment",
  "payment",
  "pay_statement",
  "benefits",
] as const;

export type ProductGroup = "organization" | "payroll" | "deductions";

const GROUP_ORDER: readonly ProductGroup[] = ["organization", "payroll", "deductions"];

export const PRODUCT_GROUPS: Record<
  ProductGroup,
  { label: string; configurationDays: number; products: readonly string[] }
> = {
  organization: {
    label: "Organization",
    configurationDays: 14,
    products: ["company", "directory", "individual", "employment", "ssn"],
  },
  payroll: { label: "Payroll", configurationDays: 14, products: ["payment", "pay_statement"] },
  // "deduction" is the older name Finch used for the benefits product.
  deductions: { label: "Deductions", configurationDays: 7, products: ["benefits", "deduction"] },
};

/** The configuration group a product belongs to, or null for products outside the three. */
export function productGroupOf(product: string): ProductGroup | null {
  return GROUP_ORDER.find((group) => PRODUCT_GROUPS[group].products.includes(product)) ?? null;
}

/** The distinct groups the products fall into, always ordered organization, payroll, deductions. */
export function groupsForProducts(products: readonly string[]): ProductGroup[] {
  const present = new Set(products.map(productGroupOf));
  return GROUP_ORDER.filter((group) => present.has(group));
}

/** Human label for a product; unknown products are shown as Finch spelled them. */
export function productLabel(product: string): string {
  return Object.hasOwn(PRODUCT_LABELS, product) ? PRODUCT_LABELS[product as FinchProduct] : product;
}
