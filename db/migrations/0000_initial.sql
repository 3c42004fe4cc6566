CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "accounts" (
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"refresh_token" text,
	"access_token" text,
	"expires_at" integer,
	"token_type" text,
	"scope" text,
	"id_token" text,
	"session_state" text,
	CONSTRAINT "accounts_provider_provider_account_id_pk" PRIMARY KEY("provider","provider_account_id")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"scope" text DEFAULT 'data:read' NOT NULL,
	"created_by" uuid,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connect_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"finch_session_id" text NOT NULL,
	"connection_id" uuid,
	"invite_id" uuid,
	"products" text[] NOT NULL,
	"manual" boolean DEFAULT false NOT NULL,
	"integration_provider" text,
	"integration_auth_method" text,
	"sandbox" text,
	"redirect_uri" text,
	"state_hash" text,
	"status" text DEFAULT 'created' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connection_groups" (
	"connection_id" uuid NOT NULL,
	"product_group" text NOT NULL,
	"ready_at" timestamp with time zone,
	"ready_source" text,
	"expected_ready_at" timestamp with time zone,
	CONSTRAINT "connection_groups_connection_id_product_group_pk" PRIMARY KEY("connection_id","product_group")
);
--> statement-breakpoint
CREATE TABLE "connection_products" (
	"connection_id" uuid NOT NULL,
	"product" text NOT NULL,
	"last_http_status" integer,
	"first_ready_at" timestamp with time zone,
	"data_retrieved_at" timestamp with time zone,
	"last_attempted_at" timestamp with time zone,
	"last_attempt_result" text,
	"last_request_id" text,
	"last_called_at" timestamp with time zone,
	CONSTRAINT "connection_products_connection_id_product_pk" PRIMARY KEY("connection_id","product")
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"finch_connection_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"provider_name" text,
	"auth_method" text,
	"assisted" boolean DEFAULT false NOT NULL,
	"products" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text NOT NULL,
	"status_message" text,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"permissions_verified_at" timestamp with time zone,
	"last_successful_sync" timestamp with time zone,
	"finch_company_id" text,
	"entity_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"client_type" text,
	"connection_type" text,
	"access_token_ciphertext" text,
	"access_token_key_id" text,
	"disconnected_at" timestamp with time zone,
	"next_check_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_owner" text,
	"last_checked_at" timestamp with time zone,
	"check_failures" integer DEFAULT 0 NOT NULL,
	"last_check_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"customer_id" text NOT NULL,
	"contact_email" text,
	"archived_at" timestamp with time zone,
	"created_by" uuid,
	"connection_status" text,
	"provider_id" text,
	"assisted" boolean,
	"status_changed_at" timestamp with time zone,
	"needs_attention" boolean DEFAULT false NOT NULL,
	"attention_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"attention_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"type" text NOT NULL,
	"employer_id" uuid,
	"connection_id" uuid,
	"actor_user_id" uuid,
	"actor_label" text,
	"finch_event_id" text,
	"summary" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchanged_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"connect_session_id" uuid,
	"connection_id" uuid,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"products" text[] NOT NULL,
	"manual" boolean DEFAULT true NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_opened_at" timestamp with time zone,
	"connection_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"reset_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"session_token" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text,
	"email" text NOT NULL,
	"email_verified" timestamp with time zone,
	"image" text,
	"password_hash" text,
	"role" text DEFAULT 'viewer' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_tokens" (
	"identifier" text NOT NULL,
	"token" text NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "verification_tokens_identifier_token_pk" PRIMARY KEY("identifier","token")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connect_sessions" ADD CONSTRAINT "connect_sessions_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connect_sessions" ADD CONSTRAINT "connect_sessions_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connect_sessions" ADD CONSTRAINT "connect_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_groups" ADD CONSTRAINT "connection_groups_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_products" ADD CONSTRAINT "connection_products_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employers" ADD CONSTRAINT "employers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchanged_codes" ADD CONSTRAINT "exchanged_codes_connect_session_id_connect_sessions_id_fk" FOREIGN KEY ("connect_session_id") REFERENCES "public"."connect_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchanged_codes" ADD CONSTRAINT "exchanged_codes_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "connect_sessions_finch_session_key" ON "connect_sessions" USING btree ("finch_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connect_sessions_state_key" ON "connect_sessions" USING btree ("state_hash");--> statement-breakpoint
CREATE INDEX "connect_sessions_employer_idx" ON "connect_sessions" USING btree ("employer_id","created_at");--> statement-breakpoint
CREATE INDEX "connection_groups_expected_idx" ON "connection_groups" USING btree ("expected_ready_at");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_finch_connection_id_key" ON "connections" USING btree ("finch_connection_id");--> statement-breakpoint
CREATE INDEX "connections_employer_idx" ON "connections" USING btree ("employer_id","created_at");--> statement-breakpoint
CREATE INDEX "connections_status_idx" ON "connections" USING btree ("status");--> statement-breakpoint
CREATE INDEX "connections_provider_idx" ON "connections" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "connections_next_check_idx" ON "connections" USING btree ("next_check_at");--> statement-breakpoint
CREATE UNIQUE INDEX "employers_customer_id_key" ON "employers" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "employers_name_trgm_idx" ON "employers" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "employers_customer_id_trgm_idx" ON "employers" USING gin (lower("customer_id") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "employers_name_sort_idx" ON "employers" USING btree (lower("name"),"id");--> statement-breakpoint
CREATE INDEX "employers_status_idx" ON "employers" USING btree ("connection_status","status_changed_at");--> statement-breakpoint
CREATE INDEX "employers_provider_idx" ON "employers" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "employers_attention_idx" ON "employers" USING btree ("needs_attention","attention_since");--> statement-breakpoint
CREATE INDEX "employers_created_idx" ON "employers" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "events_finch_event_id_key" ON "events" USING btree ("finch_event_id");--> statement-breakpoint
CREATE INDEX "events_employer_idx" ON "events" USING btree ("employer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "events_source_idx" ON "events" USING btree ("source","occurred_at");--> statement-breakpoint
CREATE INDEX "events_actor_idx" ON "events" USING btree ("actor_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "events_occurred_idx" ON "events" USING btree ("occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "invites_token_hash_key" ON "invites" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invites_employer_idx" ON "invites" USING btree ("employer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));