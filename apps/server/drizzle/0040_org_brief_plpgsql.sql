-- verbund_org_brief and verbund_ags_of in PL/pgSQL: a SQL-language function that is not inlined
-- (these run with owner rights, so never) plans its body again in every statement that calls it,
-- and verbund_org_brief runs in every ticket create (fmgr_sql was about a tenth of the database's
-- CPU in the create bench). PL/pgSQL keeps the plan for the session. Same checks as 0037/0039.
CREATE OR REPLACE FUNCTION verbund_ags_of(p_org uuid) RETURNS text
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN (
    WITH RECURSIVE up AS (
      SELECT o.id, o.parent_id, o.ags, 0 AS depth FROM organisations o
       WHERE o.id = p_org
         AND (current_setting('role') <> 'verbund_app' OR p_org = ANY (verbund_org_ids()))
      UNION ALL
      SELECT o.id, o.parent_id, o.ags, up.depth + 1 FROM organisations o JOIN up ON o.id = up.parent_id
       WHERE up.ags IS NULL AND up.depth < 8
    )
    SELECT up.ags FROM up WHERE up.ags IS NOT NULL ORDER BY up.depth LIMIT 1
  );
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION verbund_org_brief(p_org uuid) RETURNS TABLE (provider_id uuid, kind text, name text, ags text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY
    SELECT o.provider_id, o.kind, o.name, coalesce(o.ags, verbund_ags_of(o.id))
      FROM organisations o
     WHERE o.id = p_org
       AND (current_setting('role') <> 'verbund_app' OR p_org = ANY (verbund_org_ids()));
END $$;
