-- The name search reads the two trigram indexes on employers. GIN collects new entries in a
-- pending list by default (fastupdate) and merges it only at vacuum or once it reaches 4 MB;
-- every search scans that list linearly, and the planner prices it in. Employers rows are
-- rewritten whenever their status or alert instants move, so the list refilled steadily: at
-- 100,000 employers it held 365 pages per index, a search's bitmap scan took 5.5 ms instead of
-- 1 ms, and the planner preferred reading about 10,000 rows in turn to count a common word
-- (14.6 ms instead of 2.5 ms). PostgreSQL's advice where steady response time matters more than
-- update speed is to turn fastupdate off; what is pending now is merged here.
ALTER INDEX "employers_name_trgm_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "employers_customer_id_trgm_idx" SET (fastupdate = off);--> statement-breakpoint
SELECT gin_clean_pending_list('employers_name_trgm_idx'::regclass);--> statement-breakpoint
SELECT gin_clean_pending_list('employers_customer_id_trgm_idx'::regclass);
