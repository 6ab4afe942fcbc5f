CREATE TABLE "ref_gemeinde_terms" (
	"term" text NOT NULL,
	"ars" text NOT NULL,
	CONSTRAINT "ref_gemeinde_terms_term_ars_pk" PRIMARY KEY("term","ars")
);
--> statement-breakpoint
CREATE INDEX "ref_gemeinde_terms_pattern_idx" ON "ref_gemeinde_terms" USING btree ("term" text_pattern_ops,"ars");--> statement-breakpoint
-- Reference data: the request role reads the type-ahead terms, only the admin path (import) writes them.
GRANT SELECT ON ref_gemeinde_terms TO verbund_app;
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ref_gemeinde_terms FROM verbund_app;
