-- Provider configuration of the service desk (SLA profiles, categories, settings) is keyed by
-- provider_id, not org_id: every member of the provider reads it (SLA targets, category choice),
-- only the provider's own staff (the provider in verbund.org_ids) writes it.
ALTER TABLE sla_profiles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sla_profiles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ticket_categories ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ticket_categories FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ticket_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ticket_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION verbund_provider_ids() RETURNS uuid[]
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT o.provider_id), '{}') FROM organisations o WHERE o.id = ANY (verbund_org_ids())
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION verbund_provider_ids() TO verbund_app;
--> statement-breakpoint
CREATE POLICY verbund_all ON sla_profiles AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY verbund_tenant ON sla_profiles AS RESTRICTIVE FOR ALL TO verbund_app
  USING (provider_id = ANY ((SELECT verbund_provider_ids())::uuid[])) WITH CHECK (provider_id = ANY ((SELECT verbund_org_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY verbund_all ON ticket_categories AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY verbund_tenant ON ticket_categories AS RESTRICTIVE FOR ALL TO verbund_app
  USING (provider_id = ANY ((SELECT verbund_provider_ids())::uuid[])) WITH CHECK (provider_id = ANY ((SELECT verbund_org_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY verbund_all ON ticket_settings AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY verbund_tenant ON ticket_settings AS RESTRICTIVE FOR ALL TO verbund_app
  USING (provider_id = ANY ((SELECT verbund_provider_ids())::uuid[])) WITH CHECK (provider_id = ANY ((SELECT verbund_org_ids())::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sla_profiles, ticket_categories, ticket_settings TO verbund_app;
--> statement-breakpoint
-- Ticket numbers: the request role has no grant on the counters; it draws the next number through
-- this function, which runs as the owner. The upsert takes the row lock, so concurrent creators
-- (several app processes) queue on it and each gets its own number; the lock ends with the
-- caller's transaction, so a rolled-back ticket leaves no gap.
REVOKE ALL ON ticket_counters FROM verbund_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION verbund_next_ticket_seq(p_provider uuid, p_year integer) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO ticket_counters AS c (provider_id, year, value) VALUES (p_provider, p_year, 1)
  ON CONFLICT (provider_id, year) DO UPDATE SET value = c.value + 1
  RETURNING value
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION verbund_next_ticket_seq(uuid, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION verbund_next_ticket_seq(uuid, integer) TO verbund_app;
