-- The providers of the visible organisations, with the tenant setting parsed once per call: the
-- first version called verbund_org_ids() per organisation row, which parsed the whole id list
-- (36 KB for an agent who sees 1,000 members) a thousand times on every read of SLA profiles,
-- categories or desk settings.
CREATE OR REPLACE FUNCTION verbund_provider_ids() RETURNS uuid[]
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT o.provider_id), '{}') FROM organisations o WHERE o.id = ANY ((SELECT verbund_org_ids())::uuid[])
$$;
