import { PRODUCT_GROUPS, productLabel } from "@/lib/status/products";

/** Products Finch offers, grouped as their configuration periods are; "deduction" is the old name of benefits. */
const OTHER_PRODUCTS = [
  "documents",
  "plans",
  "plans_dependents",
  "plans_enrollments",
  "recordkeeping",
];

const GROUPS = [
  { label: PRODUCT_GROUPS.organization.label, products: PRODUCT_GROUPS.organization.products },
  { label: PRODUCT_GROUPS.payroll.label, products: PRODUCT_GROUPS.payroll.products },
  { label: PRODUCT_GROUPS.deductions.label, products: ["benefits"] },
  { label: "Other", products: OTHER_PRODUCTS },
];

export interface ProductPickerProps {
  idPrefix: string;
  defaults: readonly string[];
  error?: string[];
}

export function ProductPicker({ idPrefix, defaults, error }: ProductPickerProps) {
  return (
    <fieldset aria-describedby={error ? `${idPrefix}-products-error` : undefined}>
      <legend className="text-sm font-medium text-slate-700">Products</legend>
      <div className="mt-2 grid gap-x-6 gap-y-3 sm:grid-cols-4">
        {GROUPS.map((group) => (
          <div key={group.label}>
            <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">
              {group.label}
            </p>
            <div className="mt-1 space-y-1">
              {group.products.map((product) => (
                <label key={product} className="flex items-center gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    name="products[]"
                    value={product}
                    defaultChecked={defaults.includes(product)}
                    className="rounded border-slate-300"
                  />
                  {productLabel(product)}
                </label>
              ))}
            </div>
          </div>
        ))}
      </div>
      {error ? (
        <p className="mt-1 text-sm text-red-600" id={`${idPrefix}-products-error`} role="alert">
          {error[0]}
        </p>
      ) : null}
    </fieldset>
  );
}
