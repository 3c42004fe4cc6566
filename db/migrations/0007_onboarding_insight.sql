-- Onboarding insight on the overview without scanning: per week (Monday, UTC), how many reached
-- each onboarding stage, and how long connections took to become ready, per provider. Both are
-- maintained per statement by triggers, as employer_tallies is, so reads cost the same at any size.
--
-- connections.groups_ready_at is when the connection's data became ready by Perch's evidence:
-- assisted, every tracked product group ready (the last one's ready_at); automated (whose groups
-- are only recorded once they answer), the first group ready. Kept by a trigger on connection_groups.
ALTER TABLE "connections" ADD COLUMN "groups_ready_at" timestamp with time zone;--> statement-breakpoint
CREATE TABLE "onboarding_stage_weeks" (
	"stage" text NOT NULL,
	"week" date NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "onboarding_stage_weeks_pkey" PRIMARY KEY("stage","week")
);--> statement-breakpoint
CREATE TABLE "time_to_ready_weeks" (
	"week" date NOT NULL,
	"provider_id" text NOT NULL,
	"measured_from" text NOT NULL,
	"days" integer NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "time_to_ready_weeks_pkey" PRIMARY KEY("week","provider_id","measured_from","days")
);--> statement-breakpoint
CREATE FUNCTION "onboarding_week"(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT (date_trunc('week', at AT TIME ZONE 'UTC'))::date
$$;--> statement-breakpoint
-- The instant a connection counts as verified: Finch's verification of an assisted connection's
-- permissions; an automated connection is verified when Connect completes.
CREATE FUNCTION "onboarding_verified_at"(assisted boolean, verified_at timestamptz, created_at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN assisted THEN verified_at ELSE created_at END
$$;--> statement-breakpoint
CREATE FUNCTION "onboarding_ready_days"(ready_at timestamptz, verified_at timestamptz, created_at timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT greatest(0, floor(extract(epoch FROM ready_at - coalesce(verified_at, created_at)) / 86400))::integer
$$;--> statement-breakpoint
-- Applies the rows of one statement on connections, as columns: sign +1 for a new version, -1 for
-- an old one. Only keys whose net change is not zero are written (most updates change none), in
-- key order.
CREATE FUNCTION "onboarding_apply"(signs int[], created timestamptz[], assisted boolean[], verified timestamptz[], ready timestamptz[], providers text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO onboarding_stage_weeks (stage, week, count)
  SELECT k.stage, k.week, sum(k.sign) FROM (
    SELECT 'connected'::text AS stage, onboarding_week(d.created_at) AS week, d.sign FROM unnest(signs, created, assisted, verified) AS d(sign, created_at, assisted, verified_at)
    UNION ALL SELECT 'verified', onboarding_week(onboarding_verified_at(d.assisted, d.verified_at, d.created_at)), d.sign FROM unnest(signs, created, assisted, verified) AS d(sign, created_at, assisted, verified_at) WHERE onboarding_verified_at(d.assisted, d.verified_at, d.created_at) IS NOT NULL
    UNION ALL SELECT 'ready', onboarding_week(d.ready_at), d.sign FROM unnest(signs, ready) AS d(sign, ready_at) WHERE d.ready_at IS NOT NULL
  ) k GROUP BY 1, 2 HAVING sum(k.sign) <> 0 ORDER BY 1, 2
  ON CONFLICT (stage, week) DO UPDATE SET count = onboarding_stage_weeks.count + excluded.count;
  INSERT INTO time_to_ready_weeks (week, provider_id, measured_from, days, count)
  SELECT onboarding_week(d.ready_at), d.provider_id, CASE WHEN d.verified_at IS NOT NULL THEN 'verified' ELSE 'connected' END,
    onboarding_ready_days(d.ready_at, d.verified_at, d.created_at), sum(d.sign)
  FROM unnest(signs, created, verified, ready, providers) AS d(sign, created_at, verified_at, ready_at, provider_id)
  WHERE d.ready_at IS NOT NULL
  GROUP BY 1, 2, 3, 4 HAVING sum(d.sign) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (week, provider_id, measured_from, days) DO UPDATE SET count = time_to_ready_weeks.count + excluded.count;
END $$;--> statement-breakpoint
CREATE FUNCTION "onboarding_connections_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM onboarding_apply(array_agg(1), array_agg(created_at), array_agg(assisted), array_agg(permissions_verified_at), array_agg(groups_ready_at), array_agg(provider_id)) FROM onboarding_new;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "onboarding_connections_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM onboarding_apply(array_agg(-1), array_agg(created_at), array_agg(assisted), array_agg(permissions_verified_at), array_agg(groups_ready_at), array_agg(provider_id)) FROM onboarding_old;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Every old row counts -1 and every new row +1; keys whose net change is zero (most updates, the
-- sweep's bookkeeping, change none of the columns counted) are not written. No join between the
-- transition tables, which have no statistics: the cost stays linear in the statement's rows.
CREATE FUNCTION "onboarding_connections_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM onboarding_apply(array_agg(d.sign), array_agg(d.created_at), array_agg(d.assisted), array_agg(d.permissions_verified_at), array_agg(d.groups_ready_at), array_agg(d.provider_id))
  FROM (
    SELECT 1 AS sign, n.created_at, n.assisted, n.permissions_verified_at, n.groups_ready_at, n.provider_id FROM onboarding_new n
    UNION ALL
    SELECT -1, o.created_at, o.assisted, o.permissions_verified_at, o.groups_ready_at, o.provider_id FROM onboarding_old o
  ) d;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "connections_onboarding_insert" AFTER INSERT ON "connections" REFERENCING NEW TABLE AS onboarding_new FOR EACH STATEMENT EXECUTE FUNCTION onboarding_connections_insert();--> statement-breakpoint
CREATE TRIGGER "connections_onboarding_update" AFTER UPDATE ON "connections" REFERENCING OLD TABLE AS onboarding_old NEW TABLE AS onboarding_new FOR EACH STATEMENT EXECUTE FUNCTION onboarding_connections_update();--> statement-breakpoint
CREATE TRIGGER "connections_onboarding_delete" AFTER DELETE ON "connections" REFERENCING OLD TABLE AS onboarding_old FOR EACH STATEMENT EXECUTE FUNCTION onboarding_connections_delete();--> statement-breakpoint
CREATE FUNCTION "onboarding_invites_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO onboarding_stage_weeks (stage, week, count)
    SELECT 'invited', onboarding_week(created_at), count(*) FROM onboarding_new GROUP BY 2 ORDER BY 2
    ON CONFLICT (stage, week) DO UPDATE SET count = onboarding_stage_weeks.count + excluded.count;
  ELSE
    UPDATE onboarding_stage_weeks t SET count = t.count - d.n FROM (
      SELECT onboarding_week(created_at) AS week, count(*) AS n FROM onboarding_old GROUP BY 1
    ) d WHERE t.stage = 'invited' AND t.week = d.week;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "invites_onboarding_insert" AFTER INSERT ON "invites" REFERENCING NEW TABLE AS onboarding_new FOR EACH STATEMENT EXECUTE FUNCTION onboarding_invites_apply();--> statement-breakpoint
CREATE TRIGGER "invites_onboarding_delete" AFTER DELETE ON "invites" REFERENCING OLD TABLE AS onboarding_old FOR EACH STATEMENT EXECUTE FUNCTION onboarding_invites_apply();--> statement-breakpoint
-- After any change to a connection's groups, its groups_ready_at follows. The connection rows are
-- locked first (in id order), then read afresh, so two transactions readying two groups of one
-- connection at once cannot each miss the other's.
CREATE FUNCTION "onboarding_groups_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  affected uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT connection_id) INTO affected FROM onboarding_new;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT connection_id) INTO affected FROM onboarding_old;
  ELSE
    -- Groups whose ready instant changed, without joining the transition tables (see above).
    SELECT array_agg(DISTINCT d.connection_id) INTO affected FROM (
      (SELECT connection_id, product_group, ready_at FROM onboarding_new
        EXCEPT SELECT connection_id, product_group, ready_at FROM onboarding_old)
      UNION
      (SELECT connection_id, product_group, ready_at FROM onboarding_old
        EXCEPT SELECT connection_id, product_group, ready_at FROM onboarding_new)
    ) d;
  END IF;
  IF affected IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM connections WHERE id = ANY(affected) ORDER BY id FOR UPDATE;
  UPDATE connections c SET groups_ready_at = r.ready_at FROM (
    SELECT c2.id,
      CASE WHEN c2.assisted THEN
        (SELECT CASE WHEN count(*) > 0 AND bool_and(g.ready_at IS NOT NULL) THEN max(g.ready_at) END FROM connection_groups g WHERE g.connection_id = c2.id)
      ELSE
        (SELECT min(g.ready_at) FROM connection_groups g WHERE g.connection_id = c2.id)
      END AS ready_at
    FROM connections c2 WHERE c2.id = ANY(affected)
  ) r WHERE c.id = r.id AND c.groups_ready_at IS DISTINCT FROM r.ready_at;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "connection_groups_onboarding_insert" AFTER INSERT ON "connection_groups" REFERENCING NEW TABLE AS onboarding_new FOR EACH STATEMENT EXECUTE FUNCTION onboarding_groups_apply();--> statement-breakpoint
CREATE TRIGGER "connection_groups_onboarding_update" AFTER UPDATE ON "connection_groups" REFERENCING OLD TABLE AS onboarding_old NEW TABLE AS onboarding_new FOR EACH STATEMENT EXECUTE FUNCTION onboarding_groups_apply();--> statement-breakpoint
CREATE TRIGGER "connection_groups_onboarding_delete" AFTER DELETE ON "connection_groups" REFERENCING OLD TABLE AS onboarding_old FOR EACH STATEMENT EXECUTE FUNCTION onboarding_groups_apply();--> statement-breakpoint
-- Backfill: the ready instants first (the connections trigger then counts nothing twice, as the
-- tables are filled after from the rows as they stand).
ALTER TABLE "connections" DISABLE TRIGGER "connections_onboarding_update";--> statement-breakpoint
UPDATE "connections" c SET "groups_ready_at" = r.ready_at FROM (
  SELECT c2.id,
    CASE WHEN c2.assisted THEN
      CASE WHEN bool_and(g.ready_at IS NOT NULL) THEN max(g.ready_at) END
    ELSE min(g.ready_at) END AS ready_at
  FROM connections c2 JOIN connection_groups g ON g.connection_id = c2.id GROUP BY c2.id, c2.assisted
) r WHERE c.id = r.id AND r.ready_at IS NOT NULL;--> statement-breakpoint
ALTER TABLE "connections" ENABLE TRIGGER "connections_onboarding_update";--> statement-breakpoint
INSERT INTO "onboarding_stage_weeks" ("stage", "week", "count")
SELECT k.stage, k.week, count(*) FROM (
  SELECT 'invited'::text AS stage, onboarding_week(created_at) AS week FROM invites
  UNION ALL SELECT 'connected', onboarding_week(created_at) FROM connections
  UNION ALL SELECT 'verified', onboarding_week(onboarding_verified_at(assisted, permissions_verified_at, created_at)) FROM connections WHERE onboarding_verified_at(assisted, permissions_verified_at, created_at) IS NOT NULL
  UNION ALL SELECT 'ready', onboarding_week(groups_ready_at) FROM connections WHERE groups_ready_at IS NOT NULL
) k GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO "time_to_ready_weeks" ("week", "provider_id", "measured_from", "days", "count")
SELECT onboarding_week(groups_ready_at), provider_id, CASE WHEN permissions_verified_at IS NOT NULL THEN 'verified' ELSE 'connected' END,
  onboarding_ready_days(groups_ready_at, permissions_verified_at, created_at), count(*)
FROM connections WHERE groups_ready_at IS NOT NULL GROUP BY 1, 2, 3, 4;
