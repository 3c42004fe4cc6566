CREATE TABLE "deduction_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"benefit_id" text,
	"request" jsonb NOT NULL,
	"summary" text NOT NULL,
	"individual_count" integer DEFAULT 0 NOT NULL,
	"assisted" boolean NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"finch_job_id" text,
	"requested_by_user_id" uuid,
	"requested_by_api_key_id" uuid,
	"requested_by_label" text NOT NULL,
	"idempotency_scope" text,
	"idempotency_key" text,
	"request_hash" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"last_checked_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"confirmed_by" text,
	"job_body" jsonb,
	"error" text,
	"verification" text,
	"verification_detail" text[] DEFAULT '{}'::text[] NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deduction_changes" ADD CONSTRAINT "deduction_changes_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "deduction_changes" ADD CONSTRAINT "deduction_changes_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "deduction_changes" ADD CONSTRAINT "deduction_changes_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "deduction_changes" ADD CONSTRAINT "deduction_changes_requested_by_api_key_id_api_keys_id_fk" FOREIGN KEY ("requested_by_api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "deduction_changes_idempotency_key" ON "deduction_changes" USING btree ("idempotency_scope","idempotency_key");
--> statement-breakpoint
CREATE UNIQUE INDEX "deduction_changes_finch_job_id_key" ON "deduction_changes" USING btree ("finch_job_id");
--> statement-breakpoint
CREATE INDEX "deduction_changes_employer_idx" ON "deduction_changes" USING btree ("employer_id","requested_at");
--> statement-breakpoint
CREATE INDEX "deduction_changes_status_idx" ON "deduction_changes" USING btree ("status","deadline_at");
--> statement-breakpoint
CREATE INDEX "deduction_changes_requested_idx" ON "deduction_changes" USING btree ("requested_at","id");
