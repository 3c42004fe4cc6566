-- Sessions end on sign-out and on a password reset: every session token carries the version it
-- was issued under and stops working once the user's version moves on.
ALTER TABLE "users" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- A code exchange's claim is a lease: a claim older than the lease (a crashed exchange) may be
-- taken over by a retry.
ALTER TABLE "exchanged_codes" ADD COLUMN "claimed_at" timestamp with time zone DEFAULT now() NOT NULL;
--> statement-breakpoint
-- Webhooks that arrived before their connection was stored, found by Finch connection id.
CREATE INDEX "events_early_webhooks_idx" ON "events" USING btree ((("data"->>'finchConnectionId'))) WHERE "type" = 'webhook.received' AND ("data"->>'outcome') = 'unknown_connection';
