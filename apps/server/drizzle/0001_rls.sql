-- Tenancy backstop (DESIGN.md § 4): requests run as the non-superuser role verbund_app inside a
-- transaction that sets verbund.org_ids to the organisations the session may see. Every tenant
-- table carries org_id and gets a restrictive policy for that role. The migrating/owner role keeps
-- full access: it is the admin path (migrations, login lookups, CLI jobs).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'verbund_app') THEN
    CREATE ROLE verbund_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT verbund_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO verbund_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION verbund_org_ids() RETURNS uuid[]
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('verbund.org_ids', true), ''), '{}')::uuid[]
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION verbund_org_ids() TO verbund_app;
--> statement-breakpoint
-- Secures every table in public that has an org_id column: RLS on and forced, a permissive policy
-- for everyone, a restrictive tenant policy for verbund_app, and the request role's grants
-- (append-only for audit_events). The migration runner calls it after every run, so a module's new
-- tenant table cannot be forgotten.
CREATE OR REPLACE FUNCTION verbund_secure_tables() RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.relname
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.relname);
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = t.relname AND policyname = 'verbund_all') THEN
      EXECUTE format('CREATE POLICY verbund_all ON %I AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true)', t.relname);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = t.relname AND policyname = 'verbund_tenant') THEN
      EXECUTE format(
        'CREATE POLICY verbund_tenant ON %I AS RESTRICTIVE FOR ALL TO verbund_app '
        'USING (org_id = ANY ((SELECT verbund_org_ids())::uuid[])) WITH CHECK (org_id = ANY ((SELECT verbund_org_ids())::uuid[]))',
        t.relname);
    END IF;
    IF t.relname = 'audit_events' THEN
      EXECUTE format('GRANT SELECT, INSERT ON %I TO verbund_app', t.relname);
      EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM verbund_app', t.relname);
    ELSE
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO verbund_app', t.relname);
    END IF;
  END LOOP;
END $$;
--> statement-breakpoint
-- organisations is the one tenant table whose key is its own id.
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organisations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY verbund_all ON organisations AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY verbund_tenant ON organisations AS RESTRICTIVE FOR ALL TO verbund_app
  USING (id = ANY ((SELECT verbund_org_ids())::uuid[])) WITH CHECK (id = ANY ((SELECT verbund_org_ids())::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON organisations TO verbund_app;
--> statement-breakpoint
SELECT verbund_secure_tables();
