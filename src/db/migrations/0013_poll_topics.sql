CREATE TABLE "poll_topics" (
	"id" uuid PRIMARY KEY NOT NULL,
	"poll_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	"question" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poll_topics_once" UNIQUE("poll_id","topic_id","question")
);
--> statement-breakpoint
ALTER TABLE "poll_topics" ADD CONSTRAINT "poll_topics_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_topics" ADD CONSTRAINT "poll_topics_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_topics" ADD CONSTRAINT "poll_topics_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "poll_topics_topic" ON "poll_topics" USING btree ("topic_id");--> statement-breakpoint
-- What was put before a council stays as it was put: the council deliberated on those figures.
CREATE TRIGGER poll_topics_append_only BEFORE UPDATE OR DELETE ON poll_topics
  FOR EACH ROW EXECUTE FUNCTION tongxin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER poll_topics_no_truncate BEFORE TRUNCATE ON poll_topics
  FOR EACH STATEMENT EXECUTE FUNCTION tongxin_refuse_change();
