-- The employer list sorts by "what lands next" and by data freshness on employers itself, so each
-- sort reads one partial index in the list's order, exact and flat at any size. Both columns are
-- kept by statement-level triggers where their sources change (like the tallies of 0002), so every
-- writer of groups and products, the seed included, keeps them right.
-- expected_ready_at: the latest expected instant of the employer's unready, live product groups.
-- last_retrieved_at: the latest Finch-Data-Retrieved of any product of the employer's connections.
ALTER TABLE "employers" ADD COLUMN "expected_ready_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "last_retrieved_at" timestamp with time zone;--> statement-breakpoint
-- The refresh reads one employer's groups at a time: it needs them by employer.
CREATE INDEX "connection_groups_employer_idx" ON "connection_groups" USING btree ("employer_id");--> statement-breakpoint
-- Set-based (one join and GROUP BY per statement, not a subquery per employer), so even a plan
-- made on stale statistics, as during a bulk seed, reads each table at most once per statement.
CREATE FUNCTION "employers_refresh_expected_ready"(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE employers e SET expected_ready_at = c.expected FROM (
    SELECT t.id, max(g.expected_ready_at) FILTER (WHERE g.ready_at IS NULL AND g.live) AS expected
    FROM unnest(ids) AS t(id) LEFT JOIN connection_groups g ON g.employer_id = t.id
    GROUP BY t.id
  ) c
  WHERE e.id = c.id AND e.expected_ready_at IS DISTINCT FROM c.expected;
$$;--> statement-breakpoint
CREATE FUNCTION "employers_refresh_last_retrieved"(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE employers e SET last_retrieved_at = c.retrieved FROM (
    SELECT t.id, max(p.data_retrieved_at) AS retrieved
    FROM unnest(ids) AS t(id)
      LEFT JOIN connections k ON k.employer_id = t.id
      LEFT JOIN connection_products p ON p.connection_id = k.id
    GROUP BY t.id
  ) c
  WHERE e.id = c.id AND e.last_retrieved_at IS DISTINCT FROM c.retrieved;
$$;--> statement-breakpoint
CREATE FUNCTION "connection_groups_refresh_new"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM employers_refresh_expected_ready(ARRAY(SELECT DISTINCT employer_id FROM groups_new WHERE employer_id IS NOT NULL));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "connection_groups_refresh_old"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM employers_refresh_expected_ready(ARRAY(SELECT DISTINCT employer_id FROM groups_old WHERE employer_id IS NOT NULL));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "connection_groups_refresh_insert" AFTER INSERT ON "connection_groups" REFERENCING NEW TABLE AS groups_new FOR EACH STATEMENT EXECUTE FUNCTION connection_groups_refresh_new();--> statement-breakpoint
-- An update can only move groups within an employer (the employer id is filled once), so the new rows name every employer touched.
CREATE TRIGGER "connection_groups_refresh_update" AFTER UPDATE ON "connection_groups" REFERENCING NEW TABLE AS groups_new FOR EACH STATEMENT EXECUTE FUNCTION connection_groups_refresh_new();--> statement-breakpoint
CREATE TRIGGER "connection_groups_refresh_delete" AFTER DELETE ON "connection_groups" REFERENCING OLD TABLE AS groups_old FOR EACH STATEMENT EXECUTE FUNCTION connection_groups_refresh_old();--> statement-breakpoint
CREATE FUNCTION "connection_products_refresh_new"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM employers_refresh_last_retrieved(ARRAY(SELECT DISTINCT k.employer_id FROM connections k WHERE k.id IN (SELECT connection_id FROM products_new)));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "connection_products_refresh_old"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM employers_refresh_last_retrieved(ARRAY(SELECT DISTINCT k.employer_id FROM connections k WHERE k.id IN (SELECT connection_id FROM products_old)));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "connection_products_refresh_insert" AFTER INSERT ON "connection_products" REFERENCING NEW TABLE AS products_new FOR EACH STATEMENT EXECUTE FUNCTION connection_products_refresh_new();--> statement-breakpoint
CREATE TRIGGER "connection_products_refresh_update" AFTER UPDATE ON "connection_products" REFERENCING NEW TABLE AS products_new FOR EACH STATEMENT EXECUTE FUNCTION connection_products_refresh_new();--> statement-breakpoint
CREATE TRIGGER "connection_products_refresh_delete" AFTER DELETE ON "connection_products" REFERENCING OLD TABLE AS products_old FOR EACH STATEMENT EXECUTE FUNCTION connection_products_refresh_old();--> statement-breakpoint
UPDATE "employers" e SET "expected_ready_at" = (SELECT max(g."expected_ready_at") FROM "connection_groups" g WHERE g."employer_id" = e."id" AND g."ready_at" IS NULL AND g."live");--> statement-breakpoint
UPDATE "employers" e SET "last_retrieved_at" = (SELECT max(p."data_retrieved_at") FROM "connections" k JOIN "connection_products" p ON p."connection_id" = k."id" WHERE k."employer_id" = e."id");--> statement-breakpoint
-- "What lands next": soonest first, employers with nothing pending last.
CREATE INDEX "employers_expected_ready_sort_idx" ON "employers" USING btree ((coalesce("expected_ready_at", 'infinity'::timestamptz)),"id") WHERE "archived_at" IS NULL;--> statement-breakpoint
-- Stalest data first, employers never read last.
CREATE INDEX "employers_retrieved_sort_idx" ON "employers" USING btree ((coalesce("last_retrieved_at", 'infinity'::timestamptz)),"id") WHERE "archived_at" IS NULL;
