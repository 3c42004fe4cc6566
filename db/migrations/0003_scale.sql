ALTER TABLE "connections" ADD COLUMN "last_webhook_at" timestamp with time zone;
--> statement-breakpoint
CREATE INDEX "connections_due_idx" ON "connections" USING btree ("next_check_at","id") WHERE "disconnected_at" IS NULL AND "access_token_ciphertext" IS NOT NULL;
