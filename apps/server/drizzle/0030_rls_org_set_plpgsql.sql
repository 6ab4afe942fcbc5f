-- verbund_org_set()/verbund_provider_set() of 0029 in PL/pgSQL: a SQL-language set-returning
-- function in a policy's sub-select runs value-per-call, 2–5 ms for an agent's 1,001 ids on every
-- statement (more than the planning it saved); PL/pgSQL returns the set at once (~0.7 ms, as
-- unnest itself), and the planner still takes the row estimate from ROWS 1000.
CREATE OR REPLACE FUNCTION verbund_org_set() RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE ROWS 1000 AS $$
BEGIN
  RETURN QUERY SELECT unnest(verbund_org_ids());
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION verbund_provider_set() RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE ROWS 1000 AS $$
BEGIN
  RETURN QUERY SELECT unnest(verbund_provider_ids());
END $$;
