CREATE TYPE "public"."case_channel" AS ENUM('phone', 'web', 'walk_in', 'deputy', 'liaison', 'patrol', 'open311');--> statement-breakpoint
CREATE TYPE "public"."case_priority" AS ENUM('urgent', 'high', 'normal', 'low');--> statement-breakpoint
CREATE TYPE "public"."case_rating" AS ENUM('satisfied', 'basically_satisfied', 'dissatisfied');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('received', 'dispatched', 'accepted', 'on_scene', 'resolved', 'closed', 'returned', 'suspended', 'merged', 'reopened');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'official';--> statement-breakpoint
CREATE SEQUENCE "public"."case_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"city_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"from_status" "case_status",
	"to_status" "case_status",
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"department_id" uuid,
	"public" boolean NOT NULL,
	"body" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "case_helpers" (
	"case_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"city_id" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_helpers_case_id_department_id_pk" PRIMARY KEY("case_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "case_settings" (
	"place_id" uuid PRIMARY KEY NOT NULL,
	"number_prefix" text,
	"calendar" jsonb,
	"policies" jsonb,
	"whistle_minutes" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_submissions" (
	"submitter" text NOT NULL,
	"key" text NOT NULL,
	"case_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_submissions_submitter_key_pk" PRIMARY KEY("submitter","key")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"city_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"channel" "case_channel" NOT NULL,
	"status" "case_status" DEFAULT 'received' NOT NULL,
	"status_before_suspend" "case_status",
	"priority" "case_priority" DEFAULT 'normal' NOT NULL,
	"description" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"photos" text[] DEFAULT '{}'::text[] NOT NULL,
	"category_id" uuid,
	"department_id" uuid,
	"suggested_department_id" uuid,
	"suggested_confidence" real,
	"handoff_to_id" uuid,
	"resident_id" uuid,
	"requester_account_id" uuid,
	"contact_name" text,
	"contact_phone_cipher" text,
	"contact_phone_hash" text,
	"contact_phone_masked" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"may_contact" boolean DEFAULT true NOT NULL,
	"merged_into_id" uuid,
	"accept_by" timestamp with time zone,
	"on_scene_by" timestamp with time zone,
	"resolve_by" timestamp with time zone,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"next_escalation_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"return_count" integer DEFAULT 0 NOT NULL,
	"rating" "case_rating",
	"rating_comment" text,
	"received_at" timestamp with time zone NOT NULL,
	"dispatched_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"on_scene_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "open311_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "open311_keys_keyHash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "whistle_calls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"city_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"called_at" timestamp with time zone NOT NULL,
	"called_by" uuid,
	"window_minutes" integer NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"lat" double precision,
	"lng" double precision,
	"evaluation" text,
	"evaluation_comment" text
);
--> statement-breakpoint
ALTER TABLE "role_grants" ADD COLUMN "department_id" uuid;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_helpers" ADD CONSTRAINT "case_helpers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_helpers" ADD CONSTRAINT "case_helpers_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_settings" ADD CONSTRAINT "case_settings_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_city_id_places_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_suggested_department_id_departments_id_fk" FOREIGN KEY ("suggested_department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_handoff_to_id_departments_id_fk" FOREIGN KEY ("handoff_to_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_requester_account_id_accounts_id_fk" FOREIGN KEY ("requester_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_keys" ADD CONSTRAINT "open311_keys_city_id_places_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistle_calls" ADD CONSTRAINT "whistle_calls_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistle_calls" ADD CONSTRAINT "whistle_calls_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_helpers_department" ON "case_helpers" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "cases_city_received" ON "cases" USING btree ("city_id","received_at");--> statement-breakpoint
CREATE INDEX "cases_place_received" ON "cases" USING btree ("place_id","received_at");--> statement-breakpoint
CREATE INDEX "cases_department_status" ON "cases" USING btree ("department_id","status");--> statement-breakpoint
CREATE INDEX "cases_status_received" ON "cases" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "cases_requester" ON "cases" USING btree ("requester_account_id");--> statement-breakpoint
CREATE INDEX "cases_contact_phone" ON "cases" USING btree ("contact_phone_hash");--> statement-breakpoint
CREATE INDEX "cases_due" ON "cases" USING btree ("next_escalation_at") WHERE "cases"."next_escalation_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "whistle_calls_once" ON "whistle_calls" USING btree ("case_id","department_id");--> statement-breakpoint
CREATE INDEX "whistle_calls_department" ON "whistle_calls" USING btree ("department_id","called_at");--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- A case's timeline is what the requester and the evaluation rely on: added to, never rewritten.
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION tongxin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION tongxin_refuse_change();
