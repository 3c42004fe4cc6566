/** What each Finch product shares, in the words an employer would use. */
const DESCRIPTIONS: Record<string, string> = {
  company:
    "Company details — legal name, EIN, addresses, departments and bank accounts used for payroll",
  directory: "Your employee list — names, departments, managers and who is active",
  individual: "Employees' personal details — contact details, date of birth and home address",
  ssn: "Employees' Social Security numbers",
  employment: "Employment details — job titles, start and end dates, pay rates and work locations",
  payment: "Pay runs — pay dates and company totals",
  pay_statement: "Pay statements — each employee's earnings, taxes and deductions per pay run",
  benefits: "Benefits and deductions — plans offered and employee contributions",
  deduction: "Benefits and deductions — plans offered and employee contributions",
  documents: "Tax forms such as W-4s",
  plans: "Benefit plan details",
  plans_dependents: "Dependents enrolled in benefit plans",
  plans_enrollments: "Benefit plan enrollments",
  recordkeeping: "Retirement plan recordkeeping data",
};

export function sharedDataDescriptions(products: readonly string[]): string[] {
  return [...new Set(products.map((p) => DESCRIPTIONS[p] ?? p))];
}
