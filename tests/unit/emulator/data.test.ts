import { describe, expect, it } from "vitest";
import { buildDataset } from "@/lib/emulator/data/dataset";
import type { ConnectionRecord } from "@/lib/emulator/records";

const CREATED = Date.UTC(2026, 2, 10, 15, 0, 0);

function connection(overrides: Partial<ConnectionRecord> = {}): ConnectionRecord {
  return {
    id: "0b7e4a39-7d8e-4f61-9a43-3d1f3b7c1a11",
    companyId: "c0mpany",
    accountId: "acc",
    entityId: "ent",
    providerId: "gusto",
    authMethod: "oauth",
    products: ["company", "directory", "payment", "pay_statement", "benefits"],
    customerId: "cust",
    customerName: "Acme Payroll Co.",
    customerEmail: null,
    clientType: "production",
    connectionType: "provider",
    username: null,
    createdAt: CREATED,
    employeeCount: 60,
    payDayAnchor: "seed",
    payrollHistory: true,
    statusEvents: [],
    edits: [],
    sandboxJobCompletion: "complete",
    apiBaseUrl: "http://127.0.0.1",
    ...overrides,
  };
}

describe("generated employers", () => {
  it("give leads one seniority prefix, never two", () => {
    const titles = Array.from({ length: 40 }, (_, i) =>
      buildDataset(
        connection({ id: `0b7e4a39-7d8e-4f61-9a43-${String(i).padStart(12, "0")}` }),
        CREATED,
      ).people.map((p) => p.employment.title ?? ""),
    ).flat();
    expect(titles.some((t) => t.startsWith("Senior "))).toBe(true);
    expect(titles.filter((t) => /\b(Senior|Staff) (Senior|Staff)\b/.test(t))).toEqual([]);
  });

  it("are deterministic per connection", () => {
    const a = buildDataset(connection(), CREATED);
    const b = buildDataset(connection(), CREATED);
    expect(b.company).toEqual(a.company);
    expect(b.people).toEqual(a.people);
    expect(b.payments()).toEqual(a.payments());
    expect(buildDataset(connection({ id: "another" }), CREATED).company.ein).not.toBe(
      a.company.ein,
    );
  });

  it("derive the legal name from the customer name and build a management tree", () => {
    const dataset = buildDataset(connection(), CREATED);
    expect(dataset.company.legal_name).toMatch(/^Acme Payroll Co\./);
    const ids = new Set(dataset.people.map((p) => p.id));
    const roots = dataset.people.filter((p) => p.employment.manager === null);
    expect(roots).toHaveLength(1);
    for (const person of dataset.people)
      if (person.employment.manager) expect(ids.has(person.employment.manager.id)).toBe(true);
    expect(dataset.people.filter((p) => p.employment.is_active)).toHaveLength(60);
  });

  it("have two years of bi-weekly pay runs whose statements add up", () => {
    const dataset = buildDataset(connection(), CREATED);
    const payments = dataset.payments();
    const first = payments[0].payment.pay_date;
    expect(first.startsWith("2024-01")).toBe(true);
    expect(payments.at(-1)!.payment.pay_date <= "2026-03-10").toBe(true);
    for (const { payment, statements } of payments.slice(-3)) {
      expect(statements.reduce((sum, s) => sum + (s.gross_pay?.amount ?? 0), 0)).toBe(
        payment.gross_pay.amount,
      );
      for (const statement of statements) {
        const taxes = statement.taxes
          .filter((t) => !t.employer)
          .reduce((sum, t) => sum + (t.amount ?? 0), 0);
        const deductions = statement.employee_deductions.reduce(
          (sum, d) => sum + (d.amount ?? 0),
          0,
        );
        expect(statement.net_pay?.amount).toBe(
          (statement.gross_pay?.amount ?? 0) - taxes - deductions,
        );
      }
    }
    const days = payments.map((p) => Date.parse(p.payment.pay_date) / 86_400_000);
    expect(days.slice(1).every((day, i) => day - days[i] === 14)).toBe(true);
  });

  it("move forward with time: new pay runs and people, visible only as of the sync", () => {
    const now = buildDataset(connection(), CREATED);
    const later = buildDataset(connection(), CREATED + 120 * 86_400_000);
    expect(later.payments().length).toBeGreaterThan(now.payments().length + 7);
    expect(later.people.length).toBeGreaterThan(now.people.length);
    expect(
      later.people.some(
        (p) =>
          p.employment.employment_status === "terminated" &&
          (p.employment.end_date ?? "") > "2026-03-10",
      ),
    ).toBe(true);
  });

  it("apply sandbox edits only from the moment they were made", () => {
    const base = connection({ connectionType: "finch", payDayAnchor: "creation" });
    const edited = connection({
      ...base,
      edits: [{ at: CREATED + 1000, kind: "company", company: { legal_name: "Edited Inc." } }],
    });
    expect(buildDataset(edited, CREATED).company.legal_name).not.toBe("Edited Inc.");
    expect(buildDataset(edited, CREATED + 1000).company.legal_name).toBe("Edited Inc.");
    expect(buildDataset(base, CREATED).payments().at(-1)!.payment.pay_date).toBe("2026-03-10");
  });

  // No timing assertion: a loaded CI machine makes wall-clock limits flaky (speed is for benchmarks).
  it("generate a 60-person company with two years of payroll", () => {
    const dataset = buildDataset(connection({ id: "two-years" }), CREATED);
    expect(dataset.payments().length).toBeGreaterThan(50);
  });

  it("generate a single pay period above 100 employees", () => {
    const big = buildDataset(
      connection({
        employeeCount: 150,
        payrollHistory: false,
        connectionType: "finch",
        payDayAnchor: "creation",
      }),
      CREATED,
    );
    expect(big.payments().map((p) => p.payment.pay_date)).toEqual(["2026-03-10"]);
    expect(big.people).toHaveLength(150);
  });
});
