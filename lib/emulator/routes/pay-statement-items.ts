import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { EmulatorContext, RequestContext } from "../context";
import { isValidDate } from "../data/dataset";
import { errors, json, parseWith, queryList, readJsonBody, type Router } from "../http";
import {
  ITEM_CATEGORIES,
  metadataFor,
  payStatementItemsOf,
  RULE_FIELDS,
  ruleView,
} from "../pay-statement-items";
import type { ConnectionRecord, PayStatementItemRuleRecord } from "../records";
import { authorizeProduct, openData, withFreshness } from "./data-access";

const dateSchema = z
  .string()
  .refine(isValidDate, { message: "must be a date formatted YYYY-MM-DD" });

const itemQuerySchema = z.object({
  categories: z.array(z.enum(ITEM_CATEGORIES)),
  start_date: dateSchema.optional(),
  end_date: dateSchema.optional(),
  name: z.string().optional(),
  type: z.string().optional(),
});

const ruleFieldsSchema = z.object({
  attributes: z.object({ metadata: z.record(z.string(), z.unknown()) }),
  conditions: z
    .array(
      z.object({
        field: z.enum(RULE_FIELDS),
        operator: z.literal("equals"),
        value: z.string(),
      }),
    )
    .min(1),
  effective_start_date: dateSchema.nullish(),
  effective_end_date: dateSchema.nullish(),
  entity_type: z.literal("pay_statement_item").optional(),
});

const ruleUpdateSchema = ruleFieldsSchema
  .partial()
  .extend({ priority: z.number().int().min(1).optional() });

function liveRules(ctx: EmulatorContext, connection: ConnectionRecord) {
  return Object.values(ctx.state.payStatementItemRules)
    .filter((rule) => rule.connectionId === connection.id && rule.deletedAt === null)
    .sort((a, b) => a.priority - b.priority || a.createdAt - b.createdAt);
}

function findRule(
  ctx: EmulatorContext,
  connection: ConnectionRecord,
  id: string,
): PayStatementItemRuleRecord {
  const rule = ctx.state.payStatementItemRules[id];
  if (!rule || rule.connectionId !== connection.id || rule.deletedAt !== null) {
    throw errors.notFound(`No pay statement item rule with id '${id}'`, "rule_not_found");
  }
  return rule;
}

function checkDateRange(start: string | null | undefined, end: string | null | undefined): void {
  if (start && end && start > end)
    throw errors.badRequest("effective_start_date must not be after effective_end_date");
}

export function registerPayStatementItemRoutes(
  router: Router<RequestContext>,
  ctx: EmulatorContext,
): void {
  router.add("GET", "/employer/pay-statement-item", (rc) => {
    const grant = authorizeProduct(ctx, rc, "pay_statement");
    const query = parseWith(itemQuerySchema, {
      ...Object.fromEntries(rc.url.searchParams),
      categories: queryList(rc.url, "categories"),
    });
    const data = openData(ctx, grant, "pay_statement");
    if (data instanceof Response) return data;
    const rules = liveRules(ctx, grant.connection);
    const name = query.name?.toLowerCase();
    const items = payStatementItemsOf(data.dataset)
      .filter(
        (item) =>
          (query.categories.length === 0 || query.categories.includes(item.category)) &&
          (!query.start_date || item.lastSeen >= query.start_date) &&
          (!query.end_date || item.lastSeen <= query.end_date) &&
          (!name || item.name.toLowerCase().includes(name)) &&
          (!query.type || item.attributes.type === query.type),
      )
      .map((item) => ({
        name: item.name,
        category: item.category,
        attributes: { ...item.attributes, metadata: metadataFor(rules, item, item.lastSeen) },
      }));
    return withFreshness(ctx, data, json({ responses: items }));
  });

  router.add("GET", "/employer/pay-statement-item/rule", (rc) => {
    const { connection } = authorizeProduct(ctx, rc, "pay_statement");
    return json({ responses: liveRules(ctx, connection).map(ruleView) });
  });

  router.add("POST", "/employer/pay-statement-item/rule", async (rc) => {
    const { connection } = authorizeProduct(ctx, rc, "pay_statement");
    const body = parseWith(ruleFieldsSchema, (await readJsonBody(rc.request)) ?? {});
    checkDateRange(body.effective_start_date, body.effective_end_date);
    const t = ctx.tickNow();
    const rule: PayStatementItemRuleRecord = {
      id: randomUUID(),
      connectionId: connection.id,
      attributes: body.attributes,
      conditions: body.conditions,
      effectiveStartDate: body.effective_start_date ?? null,
      effectiveEndDate: body.effective_end_date ?? null,
      // A new rule ranks below the existing ones; a lower number is a higher priority.
      priority: liveRules(ctx, connection).length + 1,
      createdAt: t,
      updatedAt: t,
      deletedAt: null,
    };
    ctx.state.payStatementItemRules[rule.id] = rule;
    ctx.store.changed();
    return json(ruleView(rule));
  });

  router.add("PUT", "/employer/pay-statement-item/rule/:id", async (rc) => {
    const { connection } = authorizeProduct(ctx, rc, "pay_statement");
    const rule = findRule(ctx, connection, rc.params.id);
    const body = parseWith(ruleUpdateSchema, (await readJsonBody(rc.request)) ?? {});
    const start =
      body.effective_start_date === undefined ? rule.effectiveStartDate : body.effective_start_date;
    const end =
      body.effective_end_date === undefined ? rule.effectiveEndDate : body.effective_end_date;
    checkDateRange(start, end);
    if (body.attributes) rule.attributes = body.attributes;
    if (body.conditions) rule.conditions = body.conditions;
    if (body.priority !== undefined) rule.priority = body.priority;
    rule.effectiveStartDate = start ?? null;
    rule.effectiveEndDate = end ?? null;
    rule.updatedAt = ctx.tickNow();
    ctx.store.changed();
    return json(ruleView(rule));
  });

  router.add("DELETE", "/employer/pay-statement-item/rule/:id", (rc) => {
    const { connection } = authorizeProduct(ctx, rc, "pay_statement");
    const rule = findRule(ctx, connection, rc.params.id);
    rule.deletedAt = ctx.tickNow();
    rule.updatedAt = rule.deletedAt;
    ctx.store.changed();
    return json(ruleView(rule));
  });
}
