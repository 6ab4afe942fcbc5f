-- The tenant sets as set-returning functions with a row estimate. With `IN (SELECT unnest(
-- verbund_org_ids()))` (0026) the planner asks unnest's support function how many rows the array
-- has, which evaluates the setting at planning time: every statement parsed the 36 KB id list of
-- an agent who sees 1,000 members once more per table under a policy, only to plan (~0.5 ms each).
-- A set-returning function with ROWS 1000 is planned from its declared estimate (hashed SubPlan,
-- as before) and parses the setting once, when the statement runs.
CREATE OR REPLACE FUNCTION verbund_org_set() RETURNS SETOF uuid
  LANGUAGE sql STABLE ROWS 1000 AS $$
  SELECT unnest(verbund_org_ids())
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION verbund_provider_set() RETURNS SETOF uuid
  LANGUAGE sql STABLE ROWS 1000 AS $$
  SELECT unnest(verbund_provider_ids())
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION verbund_org_set() TO verbund_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION verbund_provider_set() TO verbund_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION verbund_provider_ids() RETURNS uuid[]
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT o.provider_id), '{}') FROM organisations o WHERE o.id IN (SELECT verbund_org_set())
$$;
--> statement-breakpoint
-- As in 0026, now rewriting both earlier forms (`x = ANY ((SELECT verbund_org_ids())::uuid[])` and
-- `x IN (SELECT unnest(verbund_org_ids()))`, also for verbund_provider_ids()) into
-- `x IN (SELECT verbund_org_set())` / `x IN (SELECT verbund_provider_set())`.
CREATE OR REPLACE FUNCTION verbund_hash_policies() RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  p record;
  arr constant text := '(\w+) = ANY \(\(\s*SELECT verbund_(org|provider)_ids\(\) AS \w+\)::uuid\[\]\)';
  nest constant text := '(\w+) IN \(\s*SELECT unnest\(verbund_(org|provider)_ids\(\)\) AS \w+\)';
  rep constant text := '\1 IN (SELECT verbund_\2_set())';
  roles text;
  q text;
  c text;
BEGIN
  FOR p IN
    SELECT * FROM pg_policies
     WHERE schemaname = 'public'
       AND (coalesce(qual, '') ~ arr OR coalesce(with_check, '') ~ arr OR coalesce(qual, '') ~ nest OR coalesce(with_check, '') ~ nest)
  LOOP
    SELECT string_agg(quote_ident(r), ', ') INTO roles FROM unnest(p.roles) AS r;
    q := regexp_replace(regexp_replace(p.qual, arr, rep, 'g'), nest, rep, 'g');
    c := regexp_replace(regexp_replace(p.with_check, arr, rep, 'g'), nest, rep, 'g');
    EXECUTE format('DROP POLICY %I ON %I', p.policyname, p.tablename);
    EXECUTE format('CREATE POLICY %I ON %I AS %s FOR %s TO %s', p.policyname, p.tablename, p.permissive, p.cmd, roles)
      || coalesce(' USING (' || q || ')', '')
      || coalesce(' WITH CHECK (' || c || ')', '');
  END LOOP;
END $$;
--> statement-breakpoint
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
        'USING (org_id IN (SELECT verbund_org_set())) WITH CHECK (org_id IN (SELECT verbund_org_set()))',
        t.relname);
    END IF;
    IF t.relname = 'audit_events' THEN
      EXECUTE format('GRANT SELECT, INSERT ON %I TO verbund_app', t.relname);
      EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM verbund_app', t.relname);
    ELSE
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO verbund_app', t.relname);
    END IF;
  END LOOP;
  PERFORM verbund_hash_policies();
END $$;
--> statement-breakpoint
SELECT verbund_secure_tables();
