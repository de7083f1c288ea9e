CREATE TABLE "ward_elections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ward_id" uuid NOT NULL,
	"tally" jsonb NOT NULL,
	"leader_member_id" uuid NOT NULL,
	"meeting_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ward_nominations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ward_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"nominated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ward_nominations_once" UNIQUE("ward_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "ward_places" (
	"ward_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	CONSTRAINT "ward_places_ward_id_place_id_pk" PRIMARY KEY("ward_id","place_id")
);
--> statement-breakpoint
CREATE TABLE "wards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"name" text NOT NULL,
	"seq" smallint NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ward_elections" ADD CONSTRAINT "ward_elections_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_elections" ADD CONSTRAINT "ward_elections_leader_member_id_council_members_id_fk" FOREIGN KEY ("leader_member_id") REFERENCES "public"."council_members"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_elections" ADD CONSTRAINT "ward_elections_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_elections" ADD CONSTRAINT "ward_elections_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_nominations" ADD CONSTRAINT "ward_nominations_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_nominations" ADD CONSTRAINT "ward_nominations_member_id_council_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."council_members"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_nominations" ADD CONSTRAINT "ward_nominations_nominated_by_accounts_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_places" ADD CONSTRAINT "ward_places_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_places" ADD CONSTRAINT "ward_places_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wards" ADD CONSTRAINT "wards_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wards" ADD CONSTRAINT "wards_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wards" ADD CONSTRAINT "wards_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ward_elections_ward" ON "ward_elections" USING btree ("ward_id","created_at");--> statement-breakpoint
CREATE INDEX "wards_council" ON "wards" USING btree ("council_id");--> statement-breakpoint
-- Nominations and the counts of elections are records: kept as made, whatever code or console tries.
CREATE TRIGGER ward_nominations_append_only BEFORE UPDATE OR DELETE ON ward_nominations
  FOR EACH ROW EXECUTE FUNCTION tongxin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ward_nominations_no_truncate BEFORE TRUNCATE ON ward_nominations
  FOR EACH STATEMENT EXECUTE FUNCTION tongxin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ward_elections_append_only BEFORE UPDATE OR DELETE ON ward_elections
  FOR EACH ROW EXECUTE FUNCTION tongxin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ward_elections_no_truncate BEFORE TRUNCATE ON ward_elections
  FOR EACH STATEMENT EXECUTE FUNCTION tongxin_refuse_change();
