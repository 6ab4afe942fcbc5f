-- verbund_ags_of (0036) recognised the admin path by the absence of a tenant setting. A request
-- transaction always runs as verbund_app, so the role is the surer sign: as verbund_app the start
-- must be in the scope (no setting: no scope, nothing answered), under any other role (migrations,
-- jobs on the admin path) it need not. pg_temp last, so no temporary object can stand in.
CREATE OR REPLACE FUNCTION verbund_ags_of(p_org uuid) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH RECURSIVE up AS (
    SELECT id, parent_id, ags, 0 AS depth FROM organisations
     WHERE id = p_org
       AND (current_setting('role') <> 'verbund_app' OR p_org = ANY (verbund_org_ids()))
    UNION ALL
    SELECT o.id, o.parent_id, o.ags, up.depth + 1 FROM organisations o JOIN up ON o.id = up.parent_id
     WHERE up.ags IS NULL AND up.depth < 8
  )
  SELECT ags FROM up WHERE ags IS NOT NULL ORDER BY depth LIMIT 1
$$;
