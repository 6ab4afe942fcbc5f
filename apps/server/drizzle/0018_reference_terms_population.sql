ALTER TABLE "ref_gemeinde_terms" ADD COLUMN "einwohner" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Terms written before they carried the population are dropped; start-up (ensureDirectory) or the next import writes them again.
DELETE FROM "ref_gemeinde_terms";
