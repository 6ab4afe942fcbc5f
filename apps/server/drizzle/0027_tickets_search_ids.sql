-- Ticket search for the request role. `@@` is not leakproof, so under a row-level security policy
-- PostgreSQL never uses it as an index condition (it may not run before the tenant check): the GIN
-- indexes on search_public/search_internal are useless to verbund_app. A word that is frequent
-- among recent tickets is still found fast (newest first by primary key, stopping at the page),
-- but a rare word made the request role read every ticket of its tree (1,000,000 rows, ~1 s).
--
-- This function runs as the owner, where the GIN index can be used, and applies the tenant
-- predicate of the policy itself (the organisations of verbund.org_ids). It returns NULL when the
-- word is frequent: 20 or more matches among the newest 2,000 tickets, where reading newest first
-- is the fast way. Otherwise it returns the ids of all matches the caller may see, or NULL when
-- there are more than p_max. The caller reads the tickets by these ids as the request role, so RLS
-- and every repository filter still apply, and it rechecks the match. Internal notes are searched
-- only when the caller says so (agents).
CREATE OR REPLACE FUNCTION verbund_ticket_search(p_query text, p_internal boolean, p_max integer) RETURNS uuid[]
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  q tsquery := websearch_to_tsquery('german', p_query);
  recent integer;
  ids uuid[];
BEGIN
  SELECT count(*) INTO recent FROM (
    SELECT w.id FROM (SELECT t.id, t.org_id, t.search_public, t.search_internal FROM tickets t ORDER BY t.id DESC LIMIT 2000) w
     WHERE (w.search_public @@ q OR (p_internal AND w.search_internal @@ q)) AND w.org_id IN (SELECT unnest(verbund_org_ids()))
     LIMIT 20) r;
  IF recent >= 20 THEN
    RETURN NULL;
  END IF;
  IF p_internal THEN
    SELECT array_agg(s.id) INTO ids FROM (
      SELECT t.id FROM tickets t
       WHERE (t.search_public @@ q OR t.search_internal @@ q) AND t.org_id IN (SELECT unnest(verbund_org_ids()))
       LIMIT p_max + 1) s;
  ELSE
    SELECT array_agg(s.id) INTO ids FROM (
      SELECT t.id FROM tickets t
       WHERE t.search_public @@ q AND t.org_id IN (SELECT unnest(verbund_org_ids()))
       LIMIT p_max + 1) s;
  END IF;
  IF cardinality(ids) > p_max THEN
    RETURN NULL;
  END IF;
  RETURN coalesce(ids, '{}');
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION verbund_ticket_search(text, boolean, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION verbund_ticket_search(text, boolean, integer) TO verbund_app;
