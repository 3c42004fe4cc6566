import type { Dataset } from "./data/dataset";
import type { LineItem } from "./data/types";
import type { PayStatementItemRuleRecord } from "./records";

export const ITEM_CATEGORIES = [
  "earnings",
  "taxes",
  "employee_deductions",
  "employer_contributions",
] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

/** The fields a rule condition can test: an item's name, its category, and its `type` attribute. */
export const RULE_FIELDS = ["name", "category", "type"] as const;

export interface PayStatementItem {
  name: string;
  category: ItemCategory;
  attributes: {
    type: string | null;
    pre_tax?: boolean | null;
    employer?: boolean | null;
    metadata: Record<string, unknown> | null;
  };
  /** The last pay date the item appeared on (for the date filters; not on the wire). */
  lastSeen: string;
}

function attributesOf(category: ItemCategory, item: LineItem): PayStatementItem["attributes"] {
  return {
    type: item.type,
    ...(category === "employee_deductions" ? { pre_tax: item.pre_tax ?? null } : {}),
    ...(category === "taxes" ? { employer: item.employer ?? null } : {}),
    metadata: null,
  };
}

/** Every distinct (category, name) pay statement item in the data set, with the last pay date it was seen. */
export function payStatementItemsOf(dataset: Dataset): PayStatementItem[] {
  const items = new Map<string, PayStatementItem>();
  for (const { payment, statements } of dataset.payments()) {
    for (const statement of statements) {
      for (const category of ITEM_CATEGORIES) {
        for (const line of statement[category]) {
          if (!line.name) continue;
          const key = `${category}:${line.name}`;
          const known = items.get(key);
          if (known && known.lastSeen >= payment.pay_date) continue;
          items.set(key, {
            name: line.name,
            category,
            attributes: attributesOf(category, line),
            lastSeen: payment.pay_date,
          });
        }
      }
    }
  }
  return [...items.values()].sort(
    (a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name),
  );
}

function ruleMatches(rule: PayStatementItemRuleRecord, item: PayStatementItem): boolean {
  return rule.conditions.every((condition) => {
    const actual =
      condition.field === "type"
        ? item.attributes.type
        : condition.field === "category"
          ? item.category
          : condition.field === "name"
            ? item.name
            : undefined;
    return actual === condition.value;
  });
}

/**
 * The metadata the rules engine derives for an item on `payDate`: every live rule in effect whose
 * conditions all hold, merged so that the higher priority (the lower number) wins a shared key.
 */
export function metadataFor(
  rules: readonly PayStatementItemRuleRecord[],
  item: PayStatementItem,
  payDate: string,
): Record<string, unknown> | null {
  const applicable = rules
    .filter(
      (rule) =>
        rule.deletedAt === null &&
        (rule.effectiveStartDate === null || rule.effectiveStartDate <= payDate) &&
        (rule.effectiveEndDate === null || payDate <= rule.effectiveEndDate) &&
        ruleMatches(rule, item),
    )
    .sort((a, b) => b.priority - a.priority);
  if (applicable.length === 0) return null;
  return Object.assign({}, ...applicable.map((rule) => rule.attributes.metadata));
}

export function ruleView(rule: PayStatementItemRuleRecord) {
  return {
    id: rule.id,
    attributes: rule.attributes,
    conditions: rule.conditions,
    created_at: new Date(rule.createdAt).toISOString(),
    updated_at: new Date(rule.updatedAt).toISOString(),
    effective_start_date: rule.effectiveStartDate,
    effective_end_date: rule.effectiveEndDate,
    entity_type: "pay_statement_item" as const,
    priority: rule.priority,
    ...(rule.deletedAt === null ? {} : { deleted_at: new Date(rule.deletedAt).toISOString() }),
  };
}
