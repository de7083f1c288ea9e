CREATE TABLE "council_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"name" text NOT NULL,
	"account_id" uuid,
	"role" text NOT NULL,
	"party_member" boolean NOT NULL,
	"kind" text NOT NULL,
	"sectors" jsonb NOT NULL,
	"tags" jsonb NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date,
	"ended_on" date,
	"ended_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "councils" (
	"id" uuid PRIMARY KEY NOT NULL,
	"place_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type_code" text,
	"rules" jsonb NOT NULL,
	"threshold" jsonb NOT NULL,
	"status" text DEFAULT 'forming' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "motion_ballots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"motion_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"choice" text NOT NULL,
	"member_id" uuid,
	"cast_at" timestamp with time zone,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "motion_ballots_seq" UNIQUE("motion_id","seq"),
	CONSTRAINT "motion_ballots_one_per_member" UNIQUE("motion_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "motion_electorate" (
	"motion_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"account_id" uuid,
	CONSTRAINT "motion_electorate_motion_id_member_id_pk" PRIMARY KEY("motion_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "motion_voters" (
	"motion_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "motion_voters_motion_id_member_id_pk" PRIMARY KEY("motion_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "motions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"ballot" text NOT NULL,
	"threshold" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"electorate" integer,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"result" jsonb,
	"ballot_count" integer,
	"head_hash" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "councils" ADD CONSTRAINT "councils_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "councils" ADD CONSTRAINT "councils_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_ballots" ADD CONSTRAINT "motion_ballots_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_electorate" ADD CONSTRAINT "motion_electorate_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_electorate" ADD CONSTRAINT "motion_electorate_member_id_council_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."council_members"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_voters" ADD CONSTRAINT "motion_voters_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_voters" ADD CONSTRAINT "motion_voters_member_id_council_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."council_members"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "council_members_council" ON "council_members" USING btree ("council_id");--> statement-breakpoint
CREATE INDEX "councils_place" ON "councils" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "motions_council" ON "motions" USING btree ("council_id");--> statement-breakpoint
-- Ballots and the record of who voted are never changed or removed: a correction would be a new
-- motion. The hash chain over the ballots makes a change by someone who bypasses this detectable.
CREATE TRIGGER motion_ballots_append_only BEFORE UPDATE OR DELETE ON motion_ballots
  FOR EACH ROW EXECUTE FUNCTION tongxin_refuse_change();--> statement-breakpoint
CREATE TRIGGER motion_ballots_no_truncate BEFORE TRUNCATE ON motion_ballots
  FOR EACH STATEMENT EXECUTE FUNCTION tongxin_refuse_change();--> statement-breakpoint
CREATE TRIGGER motion_voters_append_only BEFORE UPDATE OR DELETE ON motion_voters
  FOR EACH ROW EXECUTE FUNCTION tongxin_refuse_change();--> statement-breakpoint
CREATE TRIGGER motion_voters_no_truncate BEFORE TRUNCATE ON motion_voters
  FOR EACH STATEMENT EXECUTE FUNCTION tongxin_refuse_change();
