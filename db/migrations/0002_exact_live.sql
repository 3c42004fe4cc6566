-- Attention true at the moment of reading: per employer, the instant from which each alert kind
-- holds (computed by lib/status/attention.ts whenever the records change); queries compare with now.
ALTER TABLE "employers" ADD COLUMN "attention_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "pending_too_long_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "configuration_overdue_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "employer_action_needed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "reauth_needed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "stale_data_at" timestamp with time zone;--> statement-breakpoint
DROP INDEX IF EXISTS "employers_attention_idx";--> statement-breakpoint
ALTER TABLE "employers" DROP COLUMN "needs_attention";--> statement-breakpoint
ALTER TABLE "employers" DROP COLUMN "attention_kinds";--> statement-breakpoint
ALTER TABLE "employers" DROP COLUMN "attention_since";--> statement-breakpoint
CREATE INDEX "employers_attention_at_idx" ON "employers" USING btree ("attention_at") WHERE "attention_at" IS NOT NULL AND "archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "employers_pending_too_long_at_idx" ON "employers" USING btree ("pending_too_long_at") WHERE "pending_too_long_at" IS NOT NULL AND "archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "employers_configuration_overdue_at_idx" ON "employers" USING btree ("configuration_overdue_at") WHERE "configuration_overdue_at" IS NOT NULL AND "archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "employers_employer_action_needed_at_idx" ON "employers" USING btree ("employer_action_needed_at") WHERE "employer_action_needed_at" IS NOT NULL AND "archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "employers_reauth_needed_at_idx" ON "employers" USING btree ("reauth_needed_at") WHERE "reauth_needed_at" IS NOT NULL AND "archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "employers_stale_data_at_idx" ON "employers" USING btree ("stale_data_at") WHERE "stale_data_at" IS NOT NULL AND "archived_at" IS NULL;--> statement-breakpoint
-- Sorts by status and by change time read an index in the list's own order.
CREATE INDEX "employers_status_sort_idx" ON "employers" USING btree ((coalesce("connection_status", '')),"id") WHERE "archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "employers_changed_sort_idx" ON "employers" USING btree ((coalesce("status_changed_at", 'epoch'::timestamptz)),"id") WHERE "archived_at" IS NULL;--> statement-breakpoint
-- Finch's instants, with when Perch noticed kept beside them.
ALTER TABLE "connection_groups" ADD COLUMN "ready_noticed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "permissions_verified_noticed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "connection_groups_unready_idx" ON "connection_groups" USING btree ("expected_ready_at") WHERE "ready_at" IS NULL;--> statement-breakpoint
-- Exact employer counts without a scan: maintained per statement by triggers on employers.
-- dimension 'all' (value ''), 'status' (value = status, '' for never connected), 'provider'.
CREATE TABLE "employer_tallies" (
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"employers" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "employer_tallies_pkey" PRIMARY KEY("dimension","value")
);--> statement-breakpoint
CREATE FUNCTION "employer_tallies_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO employer_tallies (dimension, value, employers)
  SELECT k.dimension, k.value, count(*) FROM (
    SELECT 'all'::text AS dimension, ''::text AS value FROM tally_new WHERE archived_at IS NULL
    UNION ALL SELECT 'status', coalesce(connection_status, '') FROM tally_new WHERE archived_at IS NULL
    UNION ALL SELECT 'provider', provider_id FROM tally_new WHERE archived_at IS NULL AND provider_id IS NOT NULL
  ) k GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (dimension, value) DO UPDATE SET employers = employer_tallies.employers + excluded.employers;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "employer_tallies_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE employer_tallies t SET employers = t.employers - d.n FROM (
    SELECT k.dimension, k.value, count(*) AS n FROM (
      SELECT 'all'::text AS dimension, ''::text AS value FROM tally_old WHERE archived_at IS NULL
      UNION ALL SELECT 'status', coalesce(connection_status, '') FROM tally_old WHERE archived_at IS NULL
      UNION ALL SELECT 'provider', provider_id FROM tally_old WHERE archived_at IS NULL AND provider_id IS NOT NULL
    ) k GROUP BY 1, 2
  ) d WHERE t.dimension = d.dimension AND t.value = d.value;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Updates only touch the tallies whose net change is not zero (most updates change none), in key order.
CREATE FUNCTION "employer_tallies_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO employer_tallies (dimension, value, employers)
  SELECT k.dimension, k.value, sum(k.delta) FROM (
    SELECT 'all'::text AS dimension, ''::text AS value, d.delta FROM (
      SELECT archived_at, connection_status, provider_id, 1 AS delta FROM tally_new
      UNION ALL SELECT archived_at, connection_status, provider_id, -1 FROM tally_old
    ) d WHERE d.archived_at IS NULL
    UNION ALL SELECT 'status', coalesce(d.connection_status, ''), d.delta FROM (
      SELECT archived_at, connection_status, 1 AS delta FROM tally_new
      UNION ALL SELECT archived_at, connection_status, -1 FROM tally_old
    ) d WHERE d.archived_at IS NULL
    UNION ALL SELECT 'provider', d.provider_id, d.delta FROM (
      SELECT archived_at, provider_id, 1 AS delta FROM tally_new
      UNION ALL SELECT archived_at, provider_id, -1 FROM tally_old
    ) d WHERE d.archived_at IS NULL AND d.provider_id IS NOT NULL
  ) k GROUP BY 1, 2 HAVING sum(k.delta) <> 0 ORDER BY 1, 2
  ON CONFLICT (dimension, value) DO UPDATE SET employers = employer_tallies.employers + excluded.employers;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "employers_tallies_insert" AFTER INSERT ON "employers" REFERENCING NEW TABLE AS tally_new FOR EACH STATEMENT EXECUTE FUNCTION employer_tallies_add();--> statement-breakpoint
CREATE TRIGGER "employers_tallies_update" AFTER UPDATE ON "employers" REFERENCING OLD TABLE AS tally_old NEW TABLE AS tally_new FOR EACH STATEMENT EXECUTE FUNCTION employer_tallies_change();--> statement-breakpoint
CREATE TRIGGER "employers_tallies_delete" AFTER DELETE ON "employers" REFERENCING OLD TABLE AS tally_old FOR EACH STATEMENT EXECUTE FUNCTION employer_tallies_remove();--> statement-breakpoint
INSERT INTO "employer_tallies" ("dimension", "value", "employers")
SELECT k.dimension, k.value, count(*) FROM (
  SELECT 'all'::text AS dimension, ''::text AS value FROM employers WHERE archived_at IS NULL
  UNION ALL SELECT 'status', coalesce(connection_status, '') FROM employers WHERE archived_at IS NULL
  UNION ALL SELECT 'provider', provider_id FROM employers WHERE archived_at IS NULL AND provider_id IS NOT NULL
) k GROUP BY 1, 2;
--> statement-breakpoint
-- The overview's ready-date chart counts unready groups of live connections of unarchived
-- employers from one partial index, without joining: each group carries its employer and
-- whether it is live, kept by triggers when a connection disconnects or an employer is archived.
ALTER TABLE "connection_groups" ADD COLUMN "employer_id" uuid;--> statement-breakpoint
ALTER TABLE "connection_groups" ADD COLUMN "live" boolean DEFAULT true NOT NULL;--> statement-breakpoint
UPDATE "connection_groups" g SET "employer_id" = c."employer_id", "live" = (c."disconnected_at" IS NULL AND e."archived_at" IS NULL)
FROM "connections" c JOIN "employers" e ON e."id" = c."employer_id" WHERE c."id" = g."connection_id";--> statement-breakpoint
CREATE INDEX "connection_groups_unready_live_idx" ON "connection_groups" USING btree ("expected_ready_at","employer_id") WHERE "ready_at" IS NULL AND "live";--> statement-breakpoint
CREATE FUNCTION "connection_groups_fill"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.employer_id, (c.disconnected_at IS NULL AND e.archived_at IS NULL)
    INTO NEW.employer_id, NEW.live
    FROM connections c JOIN employers e ON e.id = c.employer_id WHERE c.id = NEW.connection_id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "connection_groups_fill" BEFORE INSERT ON "connection_groups" FOR EACH ROW EXECUTE FUNCTION connection_groups_fill();--> statement-breakpoint
CREATE FUNCTION "connection_groups_follow_connection"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE connection_groups g SET live = (NEW.disconnected_at IS NULL AND e.archived_at IS NULL)
    FROM employers e WHERE g.connection_id = NEW.id AND e.id = NEW.employer_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "connection_groups_follow_connection" AFTER UPDATE OF "disconnected_at" ON "connections" FOR EACH ROW WHEN (OLD."disconnected_at" IS DISTINCT FROM NEW."disconnected_at") EXECUTE FUNCTION connection_groups_follow_connection();--> statement-breakpoint
CREATE FUNCTION "connection_groups_follow_employer"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE connection_groups g SET live = (c.disconnected_at IS NULL AND NEW.archived_at IS NULL)
    FROM connections c WHERE c.employer_id = NEW.id AND g.connection_id = c.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "connection_groups_follow_employer" AFTER UPDATE OF "archived_at" ON "employers" FOR EACH ROW WHEN (OLD."archived_at" IS DISTINCT FROM NEW."archived_at") EXECUTE FUNCTION connection_groups_follow_employer();
--> statement-breakpoint
-- Attention counts without walking every employer that needs attention: per kind, how many
-- employers' alerts had begun by counted_until (kept by a trigger on employers, comparing with
-- counted_until inside the UPDATE so a concurrent advance is seen). A read adds the instants in
-- (counted_until, now] through the kind's partial index; the sweep advances counted_until.
CREATE TABLE "attention_tallies" (
	"kind" text PRIMARY KEY NOT NULL,
	"due" bigint DEFAULT 0 NOT NULL,
	"counted_until" timestamp with time zone NOT NULL
);--> statement-breakpoint
CREATE FUNCTION "attention_instant"(kind text, any_at timestamptz, pending_at timestamptz, overdue_at timestamptz, action_at timestamptz, reauth_at timestamptz, stale_at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE kind
    WHEN 'any' THEN any_at
    WHEN 'pending_too_long' THEN pending_at
    WHEN 'configuration_overdue' THEN overdue_at
    WHEN 'employer_action_needed' THEN action_at
    WHEN 'reauth_needed' THEN reauth_at
    WHEN 'stale_data' THEN stale_at
  END
$$;--> statement-breakpoint
INSERT INTO "attention_tallies" ("kind", "due", "counted_until")
SELECT k.kind, (SELECT count(*) FROM employers e WHERE e.archived_at IS NULL AND attention_instant(k.kind, e.attention_at, e.pending_too_long_at, e.configuration_overdue_at, e.employer_action_needed_at, e.reauth_needed_at, e.stale_data_at) <= now()), now()
FROM (VALUES ('any'), ('pending_too_long'), ('configuration_overdue'), ('employer_action_needed'), ('reauth_needed'), ('stale_data')) AS k(kind);--> statement-breakpoint
CREATE FUNCTION "attention_tallies_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only kinds whose due count changes are touched (and locked), in key order.
  IF TG_OP = 'INSERT' THEN
    UPDATE attention_tallies t SET due = t.due + (SELECT count(*) FROM tally_new n WHERE n.archived_at IS NULL AND attention_instant(t.kind, n.attention_at, n.pending_too_long_at, n.configuration_overdue_at, n.employer_action_needed_at, n.reauth_needed_at, n.stale_data_at) <= t.counted_until)
    WHERE EXISTS (SELECT 1 FROM tally_new n WHERE n.archived_at IS NULL AND attention_instant(t.kind, n.attention_at, n.pending_too_long_at, n.configuration_overdue_at, n.employer_action_needed_at, n.reauth_needed_at, n.stale_data_at) <= t.counted_until);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE attention_tallies t SET due = t.due - (SELECT count(*) FROM tally_old o WHERE o.archived_at IS NULL AND attention_instant(t.kind, o.attention_at, o.pending_too_long_at, o.configuration_overdue_at, o.employer_action_needed_at, o.reauth_needed_at, o.stale_data_at) <= t.counted_until)
    WHERE EXISTS (SELECT 1 FROM tally_old o WHERE o.archived_at IS NULL AND attention_instant(t.kind, o.attention_at, o.pending_too_long_at, o.configuration_overdue_at, o.employer_action_needed_at, o.reauth_needed_at, o.stale_data_at) <= t.counted_until);
  ELSE
    UPDATE attention_tallies t SET due = t.due
      + (SELECT count(*) FROM tally_new n WHERE n.archived_at IS NULL AND attention_instant(t.kind, n.attention_at, n.pending_too_long_at, n.configuration_overdue_at, n.employer_action_needed_at, n.reauth_needed_at, n.stale_data_at) <= t.counted_until)
      - (SELECT count(*) FROM tally_old o WHERE o.archived_at IS NULL AND attention_instant(t.kind, o.attention_at, o.pending_too_long_at, o.configuration_overdue_at, o.employer_action_needed_at, o.reauth_needed_at, o.stale_data_at) <= t.counted_until)
    WHERE (SELECT count(*) FROM tally_new n WHERE n.archived_at IS NULL AND attention_instant(t.kind, n.attention_at, n.pending_too_long_at, n.configuration_overdue_at, n.employer_action_needed_at, n.reauth_needed_at, n.stale_data_at) <= t.counted_until)
       <> (SELECT count(*) FROM tally_old o WHERE o.archived_at IS NULL AND attention_instant(t.kind, o.attention_at, o.pending_too_long_at, o.configuration_overdue_at, o.employer_action_needed_at, o.reauth_needed_at, o.stale_data_at) <= t.counted_until);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "employers_attention_insert" AFTER INSERT ON "employers" REFERENCING NEW TABLE AS tally_new FOR EACH STATEMENT EXECUTE FUNCTION attention_tallies_apply();--> statement-breakpoint
CREATE TRIGGER "employers_attention_update" AFTER UPDATE ON "employers" REFERENCING OLD TABLE AS tally_old NEW TABLE AS tally_new FOR EACH STATEMENT EXECUTE FUNCTION attention_tallies_apply();--> statement-breakpoint
CREATE TRIGGER "employers_attention_delete" AFTER DELETE ON "employers" REFERENCING OLD TABLE AS tally_old FOR EACH STATEMENT EXECUTE FUNCTION attention_tallies_apply();
