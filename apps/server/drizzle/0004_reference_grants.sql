-- Reference data (Destatis Gemeindeverzeichnis) is global, not tenant data: no org_id, no RLS.
-- The request role may read it; only the admin path (import, automatic load) writes it.
GRANT SELECT ON ref_laender, ref_regierungsbezirke, ref_kreise, ref_verbaende, ref_gemeinden, ref_datasets TO verbund_app;
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ref_laender, ref_regierungsbezirke, ref_kreise, ref_verbaende, ref_gemeinden, ref_datasets FROM verbund_app;
