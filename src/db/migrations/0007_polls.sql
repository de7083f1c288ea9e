CREATE TABLE "poll_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"poll_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poll_codes_one_per_resident" UNIQUE("poll_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "poll_drafts" (
	"poll_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poll_drafts_poll_id_resident_id_pk" PRIMARY KEY("poll_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "poll_participations" (
	"poll_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	CONSTRAINT "poll_participations_poll_id_resident_id_pk" PRIMARY KEY("poll_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "poll_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"poll_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"resident_id" uuid,
	"via" text NOT NULL,
	"proxy_account_id" uuid,
	"day" date NOT NULL,
	"community_id" uuid NOT NULL,
	"age_group" text NOT NULL,
	"residency" text NOT NULL,
	"gender" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_sample" (
	"poll_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	CONSTRAINT "poll_sample_poll_id_resident_id_pk" PRIMARY KEY("poll_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "poll_tallies" (
	"poll_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"question" text NOT NULL,
	"option" text NOT NULL,
	"community_id" uuid NOT NULL,
	"age_group" text NOT NULL,
	"residency" text NOT NULL,
	"gender" text NOT NULL,
	"shard" smallint NOT NULL,
	"n" integer NOT NULL,
	"total" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "poll_tallies_poll_id_question_option_version_community_id_age_group_residency_gender_shard_pk" PRIMARY KEY("poll_id","question","option","version","community_id","age_group","residency","gender","shard")
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"place_id" uuid NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"title" text NOT NULL,
	"target_group" text DEFAULT 'everyone' NOT NULL,
	"sampled" boolean DEFAULT false NOT NULL,
	"sample_size" integer,
	"sample_seed" text,
	"stratified" boolean DEFAULT false NOT NULL,
	"population" integer NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"anonymous" boolean DEFAULT false NOT NULL,
	"min_cell_size" integer DEFAULT 5 NOT NULL,
	"series" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questionnaire_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaire_versions_number" UNIQUE("questionnaire_id","version")
);
--> statement-breakpoint
CREATE TABLE "questionnaires" (
	"id" uuid PRIMARY KEY NOT NULL,
	"place_id" uuid NOT NULL,
	"title" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "poll_codes" ADD CONSTRAINT "poll_codes_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_codes" ADD CONSTRAINT "poll_codes_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_codes" ADD CONSTRAINT "poll_codes_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_drafts" ADD CONSTRAINT "poll_drafts_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_drafts" ADD CONSTRAINT "poll_drafts_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_participations" ADD CONSTRAINT "poll_participations_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_participations" ADD CONSTRAINT "poll_participations_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_responses" ADD CONSTRAINT "poll_responses_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_responses" ADD CONSTRAINT "poll_responses_version_id_questionnaire_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."questionnaire_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_sample" ADD CONSTRAINT "poll_sample_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_sample" ADD CONSTRAINT "poll_sample_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_tallies" ADD CONSTRAINT "poll_tallies_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_versions" ADD CONSTRAINT "questionnaire_versions_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD CONSTRAINT "questionnaires_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD CONSTRAINT "questionnaires_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "poll_responses_poll" ON "poll_responses" USING btree ("poll_id");--> statement-breakpoint
CREATE INDEX "polls_place" ON "polls" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "polls_series" ON "polls" USING btree ("series");--> statement-breakpoint
CREATE INDEX "questionnaires_place" ON "questionnaires" USING btree ("place_id");--> statement-breakpoint
-- Answers are never rewritten: what people said stays as they said it.
CREATE TRIGGER poll_responses_append_only BEFORE UPDATE OR DELETE ON poll_responses
  FOR EACH ROW EXECUTE FUNCTION tongxin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER poll_responses_no_truncate BEFORE TRUNCATE ON poll_responses
  FOR EACH STATEMENT EXECUTE FUNCTION tongxin_refuse_change();
