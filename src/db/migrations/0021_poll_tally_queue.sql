CREATE TABLE "poll_tally_queue" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "poll_tally_queue_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"poll_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"community_id" uuid NOT NULL,
	"age_group" text NOT NULL,
	"residency" text NOT NULL,
	"gender" text NOT NULL,
	"rows" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "poll_tally_queue" ADD CONSTRAINT "poll_tally_queue_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Tallies are no longer split into shards: add every cell's shards into its shard 0 before the column goes.
WITH "moved" AS (DELETE FROM "poll_tallies" WHERE "shard" <> 0 RETURNING *)
INSERT INTO "poll_tallies" ("poll_id", "version", "question", "option", "community_id", "age_group", "residency", "gender", "shard", "n", "total")
SELECT "poll_id", "version", "question", "option", "community_id", "age_group", "residency", "gender", 0, sum("n"), sum("total") FROM "moved"
GROUP BY "poll_id", "version", "question", "option", "community_id", "age_group", "residency", "gender"
ON CONFLICT ("poll_id", "question", "option", "version", "community_id", "age_group", "residency", "gender", "shard")
DO UPDATE SET "n" = "poll_tallies"."n" + excluded."n", "total" = "poll_tallies"."total" + excluded."total";--> statement-breakpoint
ALTER TABLE "poll_tallies" DROP CONSTRAINT "poll_tallies_poll_id_question_option_version_community_id_age_group_residency_gender_shard_pk";--> statement-breakpoint
ALTER TABLE "poll_tallies" DROP COLUMN "shard";--> statement-breakpoint
ALTER TABLE "poll_tallies" ADD CONSTRAINT "poll_tallies_poll_id_question_option_version_community_id_age_group_residency_gender_pk" PRIMARY KEY("poll_id","question","option","version","community_id","age_group","residency","gender");--> statement-breakpoint
CREATE VIEW "public"."poll_counts" AS (select poll_id, version, question, option, community_id, age_group, residency, gender, n, total from poll_tallies
      union all
      select q.poll_id, q.version, u.question, u.option, q.community_id, q.age_group, q.residency, q.gender, u.n, u.total
      from poll_tally_queue q cross join lateral jsonb_to_recordset(q.rows) as u(question text, option text, n int, total float8));
