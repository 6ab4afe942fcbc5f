-- Tenant predicate in constant time per row. `org_id = ANY ((SELECT verbund_org_ids())::uuid[])`
-- compares each row with the array element by element: PostgreSQL hashes `= ANY` only for a
-- constant array, and the setting arrives as a parameter. An agent of a provider with 1,000
-- members carries 1,001 ids, so every row checked cost up to 1,001 comparisons, and where the
-- planner used the predicate as an index condition it made 1,001 index descents and fetched the
-- whole tree's rows (a ticket search read all 1,000,000 tickets). `org_id IN (SELECT unnest(…))`
-- is planned as a hashed SubPlan: the array is unnested into a hash table once per statement and
-- each row costs one probe. Same rows pass (NULL org_id and an empty setting still pass none).
-- The repositories filter by organisation themselves, so their index use does not depend on the
-- policy; the policy no longer steers the plan towards the organisation index.
CREATE OR REPLACE FUNCTION verbund_provider_ids() RETURNS uuid[]
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT o.provider_id), '{}') FROM organisations o WHERE o.id IN (SELECT unnest(verbund_org_ids()))
$$;
--> statement-breakpoint
-- Rewrites every policy in public that still compares with the whole array (`x = ANY ((SELECT
-- verbund_org_ids())::uuid[])`, also with verbund_provider_ids()) into the hashed form, keeping
-- its name, command, roles and kind. Called by verbund_secure_tables(), which the migration runner
-- runs after every migration, so a later migration written in the old form is converted too.
CREATE OR REPLACE FUNCTION verbund_hash_policies() RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  p record;
  pat constant text := '(\w+) = ANY \(\(\s*SELECT (verbund_(?:org|provider)_ids)\(\) AS \w+\)::uuid\[\]\)';
  rep constant text := '\1 IN (SELECT unnest(\2()))';
  roles text;
BEGIN
  FOR p IN
    SELECT * FROM pg_policies
     WHERE schemaname = 'public' AND (coalesce(qual, '') ~ pat OR coalesce(with_check, '') ~ pat)
  LOOP
    SELECT string_agg(quote_ident(r), ', ') INTO roles FROM unnest(p.roles) AS r;
    EXECUTE format('DROP POLICY %I ON %I', p.policyname, p.tablename);
    EXECUTE format('CREATE POLICY %I ON %I AS %s FOR %s TO %s', p.policyname, p.tablename, p.permissive, p.cmd, roles)
      || coalesce(' USING (' || regexp_replace(p.qual, pat, rep, 'g') || ')', '')
      || coalesce(' WITH CHECK (' || regexp_replace(p.with_check, pat, rep, 'g') || ')', '');
  END LOOP;
END $$;
--> statement-breakpoint
-- As in 0001, with the hashed tenant predicate for tables that get their policy from now on.
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
        'USING (org_id IN (SELECT unnest(verbund_org_ids()))) WITH CHECK (org_id IN (SELECT unnest(verbund_org_ids())))',
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
