-- WITH CHECK clauses compare the array element by element again: `x = ANY ((SELECT
-- verbund_org_ids())::uuid[])`, the form 0026 replaced. The hashed form of 0026/0030 pays for unnesting the whole scope into a
-- hash table once per statement (~0.25 ms for an agent's 1,001 ids), which is cheap per row when
-- a statement reads many rows but is most of the check when it writes one: a ticket create wrote
-- four rows (ticket, timeline, audit, outbox) and built the table four times. The array is read
-- once per statement as an InitPlan; a written row then costs at most 1,001 comparisons (a few
-- microseconds). USING clauses keep the hashed form: reads filter many rows, and `= ANY` there
-- would also steer the planner towards one index descent per visible organisation (see 0026).
-- Same rows pass as before: NULL ids and an empty scope pass none.
CREATE OR REPLACE FUNCTION verbund_hash_policies() RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  p record;
  arr constant text := '(\w+) = ANY \(\(\s*SELECT verbund_(org|provider)_ids\(\) AS \w+\)::uuid\[\]\)';
  nest constant text := '(\w+) IN \(\s*SELECT unnest\(verbund_(org|provider)_ids\(\)\) AS \w+\)';
  hashed constant text := '(\w+) IN \(\s*SELECT verbund_(org|provider)_set\(\) AS \w+\)';
  to_set constant text := '\1 IN (SELECT verbund_\2_set())';
  to_any constant text := '\1 = ANY ((SELECT verbund_\2_ids())::uuid[])';
  roles text;
  q text;
  c text;
BEGIN
  FOR p IN
    SELECT * FROM pg_policies
     WHERE schemaname = 'public'
       AND (coalesce(qual, '') ~ arr OR coalesce(qual, '') ~ nest
            OR coalesce(with_check, '') ~ nest OR coalesce(with_check, '') ~ hashed)
  LOOP
    SELECT string_agg(quote_ident(r), ', ') INTO roles FROM unnest(p.roles) AS r;
    q := regexp_replace(regexp_replace(p.qual, arr, to_set, 'g'), nest, to_set, 'g');
    c := regexp_replace(regexp_replace(p.with_check, nest, to_any, 'g'), hashed, to_any, 'g');
    EXECUTE format('DROP POLICY %I ON %I', p.policyname, p.tablename);
    EXECUTE format('CREATE POLICY %I ON %I AS %s FOR %s TO %s', p.policyname, p.tablename, p.permissive, p.cmd, roles)
      || coalesce(' USING (' || q || ')', '')
      || coalesce(' WITH CHECK (' || c || ')', '');
  END LOOP;
END $$;
--> statement-breakpoint
SELECT verbund_hash_policies();
