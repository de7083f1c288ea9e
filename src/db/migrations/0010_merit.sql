CREATE TABLE "merit_activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"place_id" uuid NOT NULL,
	"title" text NOT NULL,
	"organiser" text NOT NULL,
	"criterion_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merit_banks" (
	"place_id" uuid PRIMARY KEY NOT NULL,
	"grant_rule" text DEFAULT 'all' NOT NULL,
	"retro_window_days" integer DEFAULT 90 NOT NULL,
	"expiry_months" integer,
	"privacy" text DEFAULT 'masked' NOT NULL,
	"head_seq" bigint DEFAULT 0 NOT NULL,
	"head_hash" text DEFAULT '0000000000000000000000000000000000000000000000000000000000000000' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merit_bodies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"place_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"supervisory" boolean DEFAULT false NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "merit_bodies_code" UNIQUE("place_id","code")
);
--> statement-breakpoint
CREATE TABLE "merit_body_members" (
	"body_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	CONSTRAINT "merit_body_members_body_id_account_id_pk" PRIMARY KEY("body_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "merit_claim_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"body_id" uuid,
	"decision" text,
	"reason" text,
	"actor_id" uuid,
	"actor_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merit_claims" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"place_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"deed_date" date NOT NULL,
	"quantity" numeric(8, 2) NOT NULL,
	"description" text NOT NULL,
	"photos" text[] DEFAULT '{}'::text[] NOT NULL,
	"witnesses" text[] DEFAULT '{}'::text[] NOT NULL,
	"filing" text NOT NULL,
	"filed_by" uuid,
	"group_id" uuid,
	"activity_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"points" integer,
	"appeal" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "merit_claims_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "merit_criteria" (
	"id" uuid PRIMARY KEY NOT NULL,
	"place_id" uuid NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merit_criteria_code" UNIQUE("place_id","code")
);
--> statement-breakpoint
CREATE TABLE "merit_criterion_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"criterion_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"deed_type" text NOT NULL,
	"unit" text NOT NULL,
	"points_per_unit" integer NOT NULL,
	"daily_limit" integer,
	"quarterly_limit" integer,
	"evidence" text[] DEFAULT '{}'::text[] NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merit_criterion_versions_number" UNIQUE("criterion_id","version")
);
--> statement-breakpoint
CREATE TABLE "merit_exemplar_confirmations" (
	"place_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"body_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"confirmed_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merit_exemplar_confirmations_place_id_year_body_id_pk" PRIMARY KEY("place_id","year","body_id")
);
--> statement-breakpoint
CREATE TABLE "merit_extracts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code_hash" text NOT NULL,
	"place_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"contents" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merit_extracts_codeHash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
CREATE TABLE "merit_ledger" (
	"id" uuid PRIMARY KEY NOT NULL,
	"place_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"resident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"points" integer NOT NULL,
	"deed_type" text NOT NULL,
	"deed_date" date NOT NULL,
	"claim_id" uuid,
	"corrects_seq" bigint,
	"reason" text,
	"expires_on" date,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "merit_ledger_seq" UNIQUE("place_id","seq")
);
--> statement-breakpoint
CREATE TABLE "merit_participants" (
	"activity_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"signed_up_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_out_at" timestamp with time zone,
	"claim_id" uuid,
	CONSTRAINT "merit_participants_activity_id_resident_id_pk" PRIMARY KEY("activity_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "merit_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"place_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"head_seq" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"privacy" text NOT NULL,
	"figures" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	CONSTRAINT "merit_reports_quarter" UNIQUE("place_id","quarter")
);
--> statement-breakpoint
CREATE TABLE "merit_tallies" (
	"place_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"quarter" smallint NOT NULL,
	"deed_type" text NOT NULL,
	"points" integer NOT NULL,
	"deeds" integer NOT NULL,
	"last_grant" date,
	CONSTRAINT "merit_tallies_place_id_year_quarter_resident_id_deed_type_pk" PRIMARY KEY("place_id","year","quarter","resident_id","deed_type")
);
--> statement-breakpoint
ALTER TABLE "merit_activities" ADD CONSTRAINT "merit_activities_place_id_merit_banks_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."merit_banks"("place_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_activities" ADD CONSTRAINT "merit_activities_criterion_id_merit_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."merit_criteria"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_banks" ADD CONSTRAINT "merit_banks_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_bodies" ADD CONSTRAINT "merit_bodies_place_id_merit_banks_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."merit_banks"("place_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_body_members" ADD CONSTRAINT "merit_body_members_body_id_merit_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."merit_bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_body_members" ADD CONSTRAINT "merit_body_members_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_claim_events" ADD CONSTRAINT "merit_claim_events_claim_id_merit_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."merit_claims"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_claims" ADD CONSTRAINT "merit_claims_place_id_merit_banks_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."merit_banks"("place_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_claims" ADD CONSTRAINT "merit_claims_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_claims" ADD CONSTRAINT "merit_claims_criterion_id_merit_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."merit_criteria"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_claims" ADD CONSTRAINT "merit_claims_version_id_merit_criterion_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."merit_criterion_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_criteria" ADD CONSTRAINT "merit_criteria_place_id_merit_banks_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."merit_banks"("place_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_criterion_versions" ADD CONSTRAINT "merit_criterion_versions_criterion_id_merit_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."merit_criteria"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_exemplar_confirmations" ADD CONSTRAINT "merit_exemplar_confirmations_place_id_merit_banks_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."merit_banks"("place_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_exemplar_confirmations" ADD CONSTRAINT "merit_exemplar_confirmations_body_id_merit_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."merit_bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_extracts" ADD CONSTRAINT "merit_extracts_place_id_merit_banks_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."merit_banks"("place_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_participants" ADD CONSTRAINT "merit_participants_activity_id_merit_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."merit_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_participants" ADD CONSTRAINT "merit_participants_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merit_reports" ADD CONSTRAINT "merit_reports_place_id_merit_banks_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."merit_banks"("place_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "merit_activities_place" ON "merit_activities" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "merit_body_members_account" ON "merit_body_members" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "merit_claim_events_claim" ON "merit_claim_events" USING btree ("claim_id","at");--> statement-breakpoint
CREATE INDEX "merit_claims_place_status" ON "merit_claims" USING btree ("place_id","status");--> statement-breakpoint
CREATE INDEX "merit_claims_resident" ON "merit_claims" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "merit_claims_one_per_deed" ON "merit_claims" USING btree ("resident_id","criterion_id","deed_date") WHERE status <> 'rejected';--> statement-breakpoint
CREATE INDEX "merit_ledger_resident" ON "merit_ledger" USING btree ("place_id","resident_id","seq");
--> statement-breakpoint
-- The ledger and each claim's record are what villagers, banks and land committees rely on:
-- added to, never rewritten. Corrections are reversing entries.
CREATE TRIGGER merit_ledger_append_only BEFORE UPDATE OR DELETE ON merit_ledger
  FOR EACH ROW EXECUTE FUNCTION tongxin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER merit_ledger_no_truncate BEFORE TRUNCATE ON merit_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION tongxin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER merit_claim_events_append_only BEFORE UPDATE OR DELETE ON merit_claim_events
  FOR EACH ROW EXECUTE FUNCTION tongxin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER merit_claim_events_no_truncate BEFORE TRUNCATE ON merit_claim_events
  FOR EACH STATEMENT EXECUTE FUNCTION tongxin_refuse_change();
--> statement-breakpoint
-- What new entries add to the quarterly tallies, one statement at a time (a bulk load is one
-- grouped upsert, not a row each). `last_grant` is the last deed day that moved the total.
CREATE FUNCTION merit_tally_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO merit_tallies (place_id, resident_id, year, quarter, deed_type, points, deeds, last_grant)
  SELECT place_id, resident_id, extract(year FROM deed_date)::smallint, extract(quarter FROM deed_date)::smallint, deed_type,
         sum(points)::int, (count(*) FILTER (WHERE kind = 'grant'))::int, max(deed_date)
  FROM merit_new_entries GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (place_id, year, quarter, resident_id, deed_type) DO UPDATE
    SET points = merit_tallies.points + excluded.points,
        deeds = merit_tallies.deeds + excluded.deeds,
        last_grant = greatest(merit_tallies.last_grant, excluded.last_grant);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER merit_ledger_tally AFTER INSERT ON merit_ledger
  REFERENCING NEW TABLE AS merit_new_entries FOR EACH STATEMENT EXECUTE FUNCTION merit_tally_entries();
--> statement-breakpoint
-- The canonical encoding of chain.ts, written again in SQL so that the whole chain is verified
-- inside the database, in one scan. Each field: its UTF-8 byte length, ':' and its text; '~' when absent.
CREATE FUNCTION merit_field(v text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v IS NULL THEN '~' ELSE octet_length(v)::text || ':' || v END
$$;
--> statement-breakpoint
CREATE FUNCTION merit_entry_hash(seq bigint, place_id uuid, resident_id uuid, kind text, points integer, deed_type text, deed_date date,
  claim_id uuid, corrects_seq bigint, reason text, expires_on date, recorded_at timestamptz, prev_hash text)
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to('tx-merit-1'
    || merit_field(seq::text) || merit_field(place_id::text) || merit_field(resident_id::text) || merit_field(kind)
    || merit_field(points::text) || merit_field(deed_type) || merit_field(to_char(deed_date, 'YYYY-MM-DD'))
    || merit_field(claim_id::text) || merit_field(corrects_seq::text) || merit_field(reason)
    || merit_field(to_char(expires_on, 'YYYY-MM-DD')) || merit_field((extract(epoch FROM recorded_at) * 1000)::bigint::text)
    || merit_field(prev_hash), 'UTF8')), 'hex')
$$;
