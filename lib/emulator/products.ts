import { z } from "zod";

export const PRODUCTS = [
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

export type Product = (typeof PRODUCTS)[number];

export const productSchema = z.enum(PRODUCTS);

/** Products as Finch accepts them on a session: at least one, and `deduction` (the old name) never with `benefits`. */
export const productListSchema = z
  .array(productSchema)
  .min(1)
  .refine((products) => !(products.includes("deduction") && products.includes("benefits")), {
    message: "'deduction' is a deprecated alias of 'benefits'; request one of them, not both",
  })
  .transform((products) => [...new Set(products)]);

export const PRODUCT_GROUPS = ["organization", "payroll", "deductions"] as const;
export type ProductGroup = (typeof PRODUCT_GROUPS)[number];

const GROUP_OF: Partial<Record<Product, ProductGroup>> = {
  company: "organization",
  directory: "organization",
  individual: "organization",
  employment: "organization",
  ssn: "organization",
  payment: "payroll",
  pay_statement: "payroll",
  benefits: "deductions",
  deduction: "deductions",
};

export function groupOf(product: string): ProductGroup | null {
  return GROUP_OF[product as Product] ?? null;
}

export function groupsOf(products: readonly string[]): ProductGroup[] {
  const groups = new Set(products.map(groupOf).filter((g): g is ProductGroup => g !== null));
  return PRODUCT_GROUPS.filter((g) => groups.has(g));
}

export function grants(products: readonly string[], product: Product): boolean {
  if (product === "benefits")
    return products.includes("benefits") || products.includes("deduction");
  return products.includes(product);
}

export const DEFAULT_SANDBOX_PRODUCTS = ["company", "directory", "individual", "employment"];

export const PRODUCT_DESCRIPTIONS: Record<Product, string> = {
  company: "Company information",
  directory: "Directory",
  individual: "Individual information",
  employment: "Employment information",
  payment: "Payroll runs",
  pay_statement: "Pay statements",
  benefits: "Deductions and benefits",
  deduction: "Deductions and benefits",
  ssn: "Social Security numbers",
  documents: "Tax documents",
  plans: "Retirement plans",
  plans_dependents: "Plan dependents",
  plans_enrollments: "Plan enrollments",
  recordkeeping: "Recordkeeping",
};
