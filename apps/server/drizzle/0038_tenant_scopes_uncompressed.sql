-- A registered scope is read on every statement under row-level security (verbund_org_ids), and
-- a provider agent's 1,001 ids are 16 KB: stored compressed, each read decompressed them again
-- (pglz, about 1 % of the database's CPU in the ticket-create bench). Uncompressed out-of-line
-- storage costs 16 KB of disk per scope and leaves only the copy.
ALTER TABLE tenant_scopes ALTER COLUMN org_ids SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE tenant_scopes ALTER COLUMN provider_ids SET STORAGE EXTERNAL;
--> statement-breakpoint
-- SET STORAGE applies to values written from now on: write the stored ones again.
UPDATE tenant_scopes SET org_ids = org_ids || '{}'::uuid[], provider_ids = provider_ids || '{}'::uuid[];
