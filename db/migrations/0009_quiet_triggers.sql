-- Statement-level triggers run once per statement even when it touched no row: an upsert that
-- found nothing to change, an UPDATE whose WHERE matched nothing. Each of these used to run its
-- whole refresh (and the UPDATE of employers it makes fired employers' own tally triggers in
-- turn), about 2 ms of database time per proxied Finch call at 100,000 employers. Now every one
-- returns at once when its transition table is empty, and a product update refreshes the
-- employer's last_retrieved_at only when Finch-Data-Retrieved itself changed (EXCEPT: linear in
-- the statement's rows, no join between transition tables).
CREATE OR REPLACE FUNCTION "employer_tallies_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM tally_new) THEN RETURN NULL; END IF;
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
CREATE OR REPLACE FUNCTION "attention_tallies_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM tally_old) THEN RETURN NULL; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM tally_new) THEN
    RETURN NULL;
  END IF;
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
CREATE OR REPLACE FUNCTION "connection_groups_refresh_new"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM groups_new) THEN RETURN NULL; END IF;
  PERFORM employers_refresh_expected_ready(ARRAY(SELECT DISTINCT employer_id FROM groups_new WHERE employer_id IS NOT NULL));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "connection_groups_refresh_old"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM groups_old) THEN RETURN NULL; END IF;
  PERFORM employers_refresh_expected_ready(ARRAY(SELECT DISTINCT employer_id FROM groups_old WHERE employer_id IS NOT NULL));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "connection_products_refresh_new"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM products_new) THEN RETURN NULL; END IF;
  PERFORM employers_refresh_last_retrieved(ARRAY(SELECT DISTINCT k.employer_id FROM connections k WHERE k.id IN (SELECT connection_id FROM products_new)));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "connection_products_refresh_old"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM products_old) THEN RETURN NULL; END IF;
  PERFORM employers_refresh_last_retrieved(ARRAY(SELECT DISTINCT k.employer_id FROM connections k WHERE k.id IN (SELECT connection_id FROM products_old)));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "connection_products_refresh_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  SELECT array_agg(DISTINCT k.employer_id) INTO touched FROM connections k WHERE k.id IN (
    SELECT c.connection_id FROM (
      SELECT connection_id, product, data_retrieved_at FROM products_new
      EXCEPT SELECT connection_id, product, data_retrieved_at FROM products_old
    ) c);
  IF touched IS NOT NULL THEN PERFORM employers_refresh_last_retrieved(touched); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER "connection_products_refresh_update" ON "connection_products";--> statement-breakpoint
CREATE TRIGGER "connection_products_refresh_update" AFTER UPDATE ON "connection_products" REFERENCING OLD TABLE AS products_old NEW TABLE AS products_new FOR EACH STATEMENT EXECUTE FUNCTION connection_products_refresh_changed();
