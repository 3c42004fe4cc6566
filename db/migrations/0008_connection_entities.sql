CREATE TABLE "connection_entities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"finch_entity_id" text NOT NULL,
	"name" text,
	"source_id" text,
	"status" text NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"permissions_verified_at" timestamp with time zone,
	"data_retrieved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connection_entities" ADD CONSTRAINT "connection_entities_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_entities" ADD CONSTRAINT "connection_entities_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connection_entities_connection_entity_key" ON "connection_entities" USING btree ("connection_id","finch_entity_id");--> statement-breakpoint
CREATE INDEX "connection_entities_employer_status_idx" ON "connection_entities" USING btree ("employer_id","status");
