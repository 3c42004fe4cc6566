/** The provider catalogue served by `GET /providers` and shown in the emulated Connect page. */
import type { AuthMethod } from "./records";

export interface ProviderSpec {
  id: string;
  displayName: string;
  primaryColor: string;
  methods: AuthMethod[];
  products: string[];
  mfaRequired: boolean;
  beta: boolean;
  /** Where, in the provider's own UI, an admin adds Finch as a third-party administrator. */
  adminPath?: string;
  /** Legal entities (name suffixes) an employer on this provider may pick several of in Connect. */
  entities?: string[];
}

const ALL = [
  "company",
  "directory",
  "individual",
  "employment",
  "payment",
  "pay_statement",
  "benefits",
  "ssn",
];
const HRIS = ["company", "directory", "individual", "employment", "ssn"];

export const PROVIDERS: ProviderSpec[] = [
  {
    id: "gusto",
    displayName: "Gusto",
    primaryColor: "#F45D48",
    methods: ["oauth"],
    products: ALL,
    mfaRequired: false,
    beta: false,
  },
  {
    id: "adp_run",
    displayName: "ADP Run",
    primaryColor: "#D0271D",
    methods: ["credential"],
    products: ALL,
    mfaRequired: true,
    beta: false,
  },
  {
    id: "bamboo_hr",
    displayName: "BambooHR",
    primaryColor: "#73C41D",
    methods: ["api_token"],
    products: HRIS,
    mfaRequired: false,
    beta: false,
  },
  {
    id: "justworks",
    displayName: "Justworks",
    primaryColor: "#1F6FE5",
    methods: ["credential"],
    products: ALL,
    mfaRequired: true,
    beta: false,
  },
  {
    id: "rippling",
    displayName: "Rippling",
    primaryColor: "#FDB71C",
    methods: ["oauth"],
    products: ALL,
    mfaRequired: false,
    beta: false,
  },
  {
    id: "paychex_flex",
    displayName: "Paychex Flex",
    primaryColor: "#004B8D",
    methods: ["credential"],
    products: ALL,
    mfaRequired: true,
    beta: false,
  },
  {
    id: "trinet",
    displayName: "TriNet",
    primaryColor: "#E35205",
    methods: ["credential"],
    products: ALL,
    mfaRequired: true,
    beta: false,
  },
  {
    id: "namely",
    displayName: "Namely",
    primaryColor: "#1E5BC6",
    methods: ["api_token"],
    products: ALL,
    mfaRequired: false,
    beta: false,
  },
  {
    id: "deel",
    displayName: "Deel",
    primaryColor: "#15357A",
    methods: ["oauth"],
    products: ["company", "directory", "individual", "employment", "payment", "pay_statement"],
    mfaRequired: false,
    beta: true,
  },
  {
    id: "quickbooks",
    displayName: "QuickBooks Payroll",
    primaryColor: "#2CA01C",
    methods: ["oauth"],
    products: ALL,
    mfaRequired: false,
    beta: false,
  },
  {
    id: "paylocity",
    displayName: "Paylocity",
    primaryColor: "#EC5B24",
    methods: ["credential", "assisted"],
    products: ALL,
    mfaRequired: true,
    beta: false,
    adminPath: "HR & Payroll → Company Set Up → Users → Add User",
    entities: ["Holdings", "West LLC", "Services Inc."],
  },
  {
    id: "adp_workforce_now",
    displayName: "ADP Workforce Now",
    primaryColor: "#D0271D",
    methods: ["assisted"],
    products: ALL,
    mfaRequired: false,
    beta: false,
    adminPath: "Setup → Security → Manage Users → Add Practitioner",
  },
  {
    id: "paycom",
    displayName: "Paycom",
    primaryColor: "#0C7C59",
    methods: ["assisted"],
    products: ALL,
    mfaRequired: false,
    beta: false,
    adminPath: "System Settings → Client Setup → Third-Party Administrators",
  },
  {
    id: "paycor",
    displayName: "Paycor",
    primaryColor: "#F26B21",
    methods: ["assisted"],
    products: ALL,
    mfaRequired: false,
    beta: false,
    adminPath: "Company → Users → Add Client User",
  },
  {
    id: "dayforce",
    displayName: "Dayforce",
    primaryColor: "#00A3E0",
    methods: ["assisted"],
    products: ALL,
    mfaRequired: false,
    beta: false,
    adminPath: "System Admin → User Accounts → New",
  },
  {
    id: "isolved",
    displayName: "isolved",
    primaryColor: "#00A9CE",
    methods: ["assisted"],
    products: ALL,
    mfaRequired: false,
    beta: false,
    adminPath: "Client Management → User Administration → Add User",
    entities: ["Group", "Staffing LLC"],
  },
  {
    id: "ukg_pro",
    displayName: "UKG Pro",
    primaryColor: "#005151",
    methods: ["assisted"],
    products: ALL,
    mfaRequired: false,
    beta: false,
    adminPath: "Menu → System Configuration → Security → Web Users → Add",
  },
  {
    id: "workday",
    displayName: "Workday",
    primaryColor: "#0875E1",
    methods: ["assisted"],
    products: ALL,
    mfaRequired: false,
    beta: false,
    adminPath: "Create Integration System User → Assign Security Groups",
  },
];

export function findProvider(id: string): ProviderSpec | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

/** Methods a Connect session may offer: assisted ones only in manual mode (or when asked for explicitly). */
export function methodsForSession(
  provider: ProviderSpec,
  manual: boolean,
  requested: AuthMethod | null,
): AuthMethod[] {
  if (requested) return provider.methods.includes(requested) ? [requested] : [];
  return provider.methods.filter((m) => m !== "assisted" || manual);
}

const FIELD_SUPPORT = {
  company: {
    id: true,
    legal_name: true,
    entity: { type: true, subtype: true },
    ein: true,
    primary_email: true,
    primary_phone_number: true,
    departments: { name: true, parent: { name: true } },
    locations: {
      line1: true,
      line2: true,
      city: true,
      state: true,
      postal_code: true,
      country: true,
    },
    accounts: {
      routing_number: true,
      account_name: true,
      institution_name: true,
      account_type: true,
      account_number: true,
    },
  },
  directory: {
    paging: { count: true, offset: true },
    individuals: {
      id: true,
      first_name: true,
      middle_name: true,
      last_name: true,
      is_active: true,
      department: true,
      manager: { id: true },
    },
  },
  individual: {
    id: true,
    first_name: true,
    middle_name: true,
    last_name: true,
    preferred_name: true,
    dob: true,
    gender: true,
    ethnicity: true,
    ssn: true,
    encrypted_ssn: false,
    emails: { data: true, type: true },
    phone_numbers: { data: true, type: true },
    residence: {
      line1: true,
      line2: true,
      city: true,
      state: true,
      postal_code: true,
      country: true,
    },
  },
  employment: {
    id: true,
    first_name: true,
    middle_name: true,
    last_name: true,
    title: true,
    start_date: true,
    end_date: true,
    is_active: true,
    employment_status: true,
    class_code: true,
    flsa_status: true,
    income_history: true,
    custom_fields: true,
    employment: { type: true, subtype: true },
    income: { amount: true, currency: true, unit: true },
    location: {
      line1: true,
      line2: true,
      city: true,
      state: true,
      postal_code: true,
      country: true,
    },
    manager: { id: true },
    department: { name: true },
  },
  payment: {
    id: true,
    pay_date: true,
    debit_date: true,
    company_debit: true,
    gross_pay: true,
    net_pay: true,
    employer_taxes: true,
    employee_taxes: true,
    individual_ids: true,
    pay_frequencies: true,
    pay_group_ids: true,
    pay_period: { start_date: true, end_date: true },
  },
  pay_statement: {
    paging: { count: true, offset: true },
    pay_statements: {
      individual_id: true,
      type: true,
      payment_method: true,
      total_hours: true,
      gross_pay: true,
      net_pay: true,
      earnings: { type: true, name: true, amount: true, currency: true },
      employee_deductions: { name: true, amount: true, currency: true, pre_tax: true, type: true },
      employer_contributions: { name: true, amount: true, currency: true },
      taxes: { type: true, name: true, employer: true, amount: true, currency: true },
    },
  },
  pay_group: { id: true, name: true, pay_frequencies: true, individual_ids: true },
};

function supportedFields(method: AuthMethod): Record<string, unknown> {
  if (method !== "assisted") return FIELD_SUPPORT;
  return { ...FIELD_SUPPORT, employment: { ...FIELD_SUPPORT.employment, custom_fields: false } };
}

function benefitsSupport(method: AuthMethod, products: string[]): Record<string, unknown> {
  if (!products.includes("benefits")) return {};
  // Assisted deductions are write-only: Finch cannot read enrolments back from the provider.
  const individualRead = method === "assisted" ? "not_supported_by_finch" : "supported";
  const operations = (write: boolean) => ({
    company_benefits: {
      create: write ? "supported" : "not_supported_by_finch",
      read: "supported",
      update: write ? "supported" : "not_supported_by_finch",
      delete: "not_supported_by_finch",
    },
    individual_benefits: {
      create: write ? "supported" : "not_supported_by_finch",
      read: individualRead,
      update: write ? "supported" : "not_supported_by_finch",
      delete: write ? "supported" : "not_supported_by_finch",
    },
  });
  const retirement = {
    supported_features: {
      description: "Retirement plan",
      frequencies: ["every_paycheck", "one_time"],
      employee_deduction: ["fixed", "percent"],
      company_contribution: ["fixed", "percent", "tiered"],
      annual_maximum: true,
      catch_up: true,
    },
    supported_operations: operations(method !== "api_token"),
  };
  const section125 = {
    supported_features: {
      description: "Section 125 plan",
      frequencies: ["every_paycheck"],
      employee_deduction: ["fixed"],
      company_contribution: ["fixed"],
      annual_maximum: false,
      catch_up: false,
    },
    supported_operations: operations(method !== "api_token"),
  };
  return {
    "401k": retirement,
    "401k_roth": retirement,
    "401k_loan": null,
    "403b": null,
    "457": null,
    s125_medical: section125,
    s125_dental: section125,
    s125_vision: section125,
    hsa_pre: section125,
    fsa_medical: section125,
    commuter: null,
    simple_ira: null,
  };
}

export type OperationSupport =
  "supported" | "not_supported_by_finch" | "not_supported_by_provider" | "client_access_only";

export interface BenefitSupport {
  supported_features: {
    frequencies: string[];
    employee_deduction: string[];
    company_contribution: string[];
  };
  supported_operations: Record<
    "company_benefits" | "individual_benefits",
    Record<"create" | "read" | "update" | "delete", OperationSupport>
  >;
}

/** What `/providers` promises for one benefit type on a provider and method; null when unsupported. */
export function benefitSupportFor(
  providerId: string,
  method: AuthMethod,
  type: string,
): BenefitSupport | null {
  const provider = findProvider(providerId);
  if (!provider) return null;
  const support = benefitsSupport(method, provider.products)[type];
  return (support as BenefitSupport | null | undefined) ?? null;
}

/** The `GET /providers` item for a provider; asset URLs point at the emulator's generated icons. */
export function providerResource(provider: ProviderSpec, assetBase: string) {
  return {
    id: provider.id,
    display_name: provider.displayName,
    products: provider.products,
    icon: `${assetBase}/providers/${provider.id}/icon.svg`,
    logo: `${assetBase}/providers/${provider.id}/logo.svg`,
    mfa_required: provider.mfaRequired,
    primary_color: provider.primaryColor,
    beta: provider.beta,
    manual: provider.methods.every((m) => m === "assisted"),
    authentication_methods: provider.methods.map((type) => ({
      type,
      supported_fields: supportedFields(type),
      benefits_support: benefitsSupport(type, provider.products),
    })),
  };
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((word) => word[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
}

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string,
  );
}

export function providerIconSvg(provider: ProviderSpec): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${provider.primaryColor}"/><text x="32" y="41" font-family="Helvetica,Arial,sans-serif" font-size="24" font-weight="700" fill="#fff" text-anchor="middle">${escapeXml(initials(provider.displayName))}</text></svg>`;
}

export function providerLogoSvg(provider: ProviderSpec): string {
  const width = 80 + provider.displayName.length * 13;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="64" viewBox="0 0 ${width} 64"><rect width="64" height="64" rx="14" fill="${provider.primaryColor}"/><text x="32" y="41" font-family="Helvetica,Arial,sans-serif" font-size="24" font-weight="700" fill="#fff" text-anchor="middle">${escapeXml(initials(provider.displayName))}</text><text x="76" y="41" font-family="Helvetica,Arial,sans-serif" font-size="24" font-weight="600" fill="#1f2328">${escapeXml(provider.displayName)}</text></svg>`;
}
