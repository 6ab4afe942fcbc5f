-- The AGS of an organisation, else of its nearest ancestor with one: the member's Land (and Kreis)
-- decides which public holidays its SLA calendar skips. Walked with the owner's rights because the
-- ancestors may lie outside the caller's scope: a Gemeinde's own user does not see its
-- Verwaltungsgemeinschaft, and under row-level security the walk stopped at the Gemeinde and fell
-- back to the nationwide holidays. The start must be visible to the caller (no tenant setting: the
-- admin path); an AGS is public (Gemeindeverzeichnis), so nothing else leaves the scope.
CREATE OR REPLACE FUNCTION verbund_ags_of(p_org uuid) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH RECURSIVE up AS (
    SELECT id, parent_id, ags, 0 AS depth FROM organisations
     WHERE id = p_org
       AND (coalesce(current_setting('verbund.scope', true), '') = '' AND coalesce(current_setting('verbund.org_ids', true), '') = ''
            OR p_org = ANY (verbund_org_ids()))
    UNION ALL
    SELECT o.id, o.parent_id, o.ags, up.depth + 1 FROM organisations o JOIN up ON o.id = up.parent_id
     WHERE up.ags IS NULL AND up.depth < 8
  )
  SELECT ags FROM up WHERE ags IS NOT NULL ORDER BY depth LIMIT 1
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION verbund_ags_of(uuid) TO verbund_app;
