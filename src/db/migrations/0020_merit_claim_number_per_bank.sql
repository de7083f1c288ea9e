ALTER TABLE "merit_claims" DROP CONSTRAINT "merit_claims_number_unique";--> statement-breakpoint
ALTER TABLE "merit_claims" ADD CONSTRAINT "merit_claims_number_in_bank" UNIQUE("place_id","number");