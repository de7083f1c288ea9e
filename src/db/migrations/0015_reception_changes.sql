ALTER TABLE "receptions" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "receptions" ADD COLUMN "cancel_reason" text;