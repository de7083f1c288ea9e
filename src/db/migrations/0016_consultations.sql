ALTER TABLE "conversations" ADD COLUMN "motion_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "closes_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE restrict ON UPDATE no action;