-- Knowledge articles and categories belong to a provider (org_id = the provider) and are read by
-- every member of that provider: the tenant policy lets the request role SEE rows of the providers
-- of its visible organisations (verbund_provider_ids(), from the tickets migration) and WRITE only
-- rows of organisations it holds itself (the provider's own staff). Which article a member may read
-- (published and public) is the repository's filter on top. verbund_secure_tables() keeps a policy
-- of this name, so it is created here before its first run on a fresh database and replaced on an
-- existing one.
ALTER TABLE knowledge_articles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE knowledge_articles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE knowledge_categories ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE knowledge_categories FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS verbund_all ON knowledge_articles;
--> statement-breakpoint
DROP POLICY IF EXISTS verbund_tenant ON knowledge_articles;
--> statement-breakpoint
DROP POLICY IF EXISTS verbund_all ON knowledge_categories;
--> statement-breakpoint
DROP POLICY IF EXISTS verbund_tenant ON knowledge_categories;
--> statement-breakpoint
CREATE POLICY verbund_all ON knowledge_articles AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY verbund_tenant ON knowledge_articles AS RESTRICTIVE FOR ALL TO verbund_app
  USING (org_id = ANY ((SELECT verbund_provider_ids())::uuid[])) WITH CHECK (org_id = ANY ((SELECT verbund_org_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY verbund_all ON knowledge_categories AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY verbund_tenant ON knowledge_categories AS RESTRICTIVE FOR ALL TO verbund_app
  USING (org_id = ANY ((SELECT verbund_provider_ids())::uuid[])) WITH CHECK (org_id = ANY ((SELECT verbund_org_ids())::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON knowledge_articles, knowledge_categories TO verbund_app;
