import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import { exportFormat, sendCsv, sendXlsx, type ExportColumn } from '../../platform/http/export.js';
import { pageResponse, PageQuery } from '../../platform/http/pagination.js';
import type { App } from '../../platform/http/types.js';
import {
  AssetCreateRequest,
  AssetIdParams,
  AssetImportRequest,
  AssetImportResponse,
  AssetListQuery,
  AssetResponse,
  AssetSettingsResponse,
  AssetSettingsUpdateRequest,
  AssetTransitionRequest,
  AssetTransitionResponse,
  AssetTypeList,
  AssetUpdateRequest,
  DepreciationQuery,
  DepreciationReport,
  HistoryList,
  ImportQuery,
  LabelsQuery,
  OrgIdParams,
  RelationCreateRequest,
  RelationIdParams,
  RelationList,
  RelationResponse,
} from './assets.dto.js';
import type { AssetsService } from './assets.service.js';
import type { ImportService } from './import.service.js';
import type { InventoryService } from './inventory.service.js';
import { TYPE_LABELS_DE } from './labels.js';
import type { RelationsService } from './relations.service.js';

const tags = ['assets'];
const AssetPage = pageResponse(AssetResponse);
/** Cents as a German decimal text (`123456` → `1234,56`), digit by digit — no float on the way. */
const euros = (cents: number | null | undefined) => {
  if (cents === null || cents === undefined) {
    return null;
  }
  const t = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${t.slice(0, -2)},${t.slice(-2)}`;
};

const LIST_COLUMNS: ExportColumn<AssetResponse>[] = [
  { header: 'Inventarnummer', value: (a) => a.inventoryNumber },
  { header: 'Typ', value: (a) => TYPE_LABELS_DE[a.type] },
  { header: 'Bezeichnung', value: (a) => a.name },
  { header: 'Hersteller', value: (a) => a.manufacturer },
  { header: 'Modell', value: (a) => a.model },
  { header: 'Seriennummer', value: (a) => a.serial },
  { header: 'Status', value: (a) => a.status },
  { header: 'Eigentümer', value: (a) => a.ownerName },
  { header: 'Mitglied', value: (a) => a.usingMemberName },
  { header: 'Standort', value: (a) => a.siteName },
  { header: 'Raum', value: (a) => a.roomName },
  { header: 'Person', value: (a) => a.assignedPerson },
  { header: 'Kaufdatum', value: (a) => a.purchaseDate },
  { header: 'Kosten netto (EUR)', value: (a) => euros(a.costCents) },
  { header: 'Lieferant', value: (a) => a.supplier },
  { header: 'Garantieende', value: (a) => a.warrantyEnd },
  { header: 'Förderung', value: (a) => a.fundingReference },
  { header: 'Buchwert heute (EUR)', value: (a) => euros(a.depreciation.bookValueCents) },
  { header: 'id', value: (a) => a.id },
];

type DepRow = z.infer<typeof DepreciationReport>['items'][number];
const DEPRECIATION_COLUMNS: ExportColumn<DepRow>[] = [
  { header: 'Inventarnummer', value: (r) => r.inventoryNumber },
  { header: 'Typ', value: (r) => TYPE_LABELS_DE[r.type] },
  { header: 'Bezeichnung', value: (r) => r.name },
  { header: 'Hersteller', value: (r) => r.manufacturer },
  { header: 'Modell', value: (r) => r.model },
  { header: 'Seriennummer', value: (r) => r.serial },
  { header: 'Nutzendes Mitglied', value: (r) => r.usingMemberName },
  { header: 'Standort', value: (r) => r.siteName },
  { header: 'Anschaffungsdatum', value: (r) => r.purchaseDate },
  { header: 'Anschaffungskosten netto (EUR)', value: (r) => euros(r.costCents) },
  { header: 'Einordnung', value: (r) => ({ fixed_asset: 'Anlagevermögen', low_value: 'GWG', not_depreciable: 'keine AfA' })[r.classification] },
  { header: 'Nutzungsdauer (Monate)', value: (r) => r.usefulLifeMonths },
  { header: 'AfA im Jahr (EUR)', value: (r) => euros(r.depreciationInYearCents) },
  { header: 'Kumulierte AfA (EUR)', value: (r) => euros(r.accumulatedCents) },
  { header: 'Buchwert (EUR)', value: (r) => euros(r.bookValueCents) },
  { header: 'Abgang am', value: (r) => r.disposedAt },
  { header: 'Restbuchwert-Abschreibung bei Abgang (EUR)', value: (r) => euros(r.writtenOffCents) },
  { header: 'Förderung', value: (r) => r.fundingReference },
];

export function assetsRoutes(app: App, s: { assets: AssetsService; relations: RelationsService; inventory: InventoryService; imports: ImportService }) {
  app.get('/api/v1/asset-types', { schema: { tags, summary: 'Asset types with their attribute fields and default useful life', response: { 200: AssetTypeList } } }, async () =>
    s.inventory.types(),
  );

  app.get(
    '/api/v1/assets',
    {
      schema: {
        tags,
        summary: 'Assets the caller may read, newest first; filters; CSV/XLSX of all matching rows with ?format=',
        querystring: AssetListQuery,
        response: { 200: AssetPage },
      },
    },
    async (req, reply) => {
      const format = exportFormat(req.query.format, req.headers.accept);
      const result = await s.assets.list(authOf(req), req.query, format !== 'json');
      if (format === 'csv') {
        return sendCsv(reply, 'inventar.csv', LIST_COLUMNS, result.items);
      }
      if (format === 'xlsx') {
        return sendXlsx(reply, 'inventar.xlsx', LIST_COLUMNS, result.items, 'Inventar');
      }
      return result;
    },
  );

  app.post(
    '/api/v1/assets',
    { schema: { tags, summary: 'Create an asset (inventory number drawn from the provider pattern unless given)', body: AssetCreateRequest, response: { 201: AssetResponse } } },
    async (req, reply) => reply.code(201).send(await s.assets.create(authOf(req), req.body)),
  );

  app.post(
    '/api/v1/assets/import',
    {
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import assets from CSV/XLSX: ?dryRun=true previews with per-row errors; otherwise all-or-nothing (422) unless mode=valid_rows',
        querystring: ImportQuery,
        body: AssetImportRequest,
        response: { 200: AssetImportResponse },
      },
    },
    async (req) => s.imports.run(authOf(req), req.body, req.query.dryRun === 'true'),
  );

  app.get(
    '/api/v1/assets/labels',
    { schema: { tags, summary: 'A4 sheet of labels (inventory number + QR code) for the given ids or the list filters (PDF)', querystring: LabelsQuery, produces: ['application/pdf'] } },
    async (req, reply) => {
      const pdf = await s.inventory.labels(authOf(req), req.query);
      return reply.type('application/pdf').header('content-disposition', 'attachment; filename="inventaretiketten.pdf"').header('cache-control', 'private, no-store').send(pdf);
    },
  );

  app.get(
    '/api/v1/assets/depreciation',
    {
      schema: {
        tags,
        summary: 'Anlagenbuchhaltung of one owner: cost, AfA of the year, accumulated, book value on a date (CSV/XLSX with ?format=)',
        querystring: DepreciationQuery,
        response: { 200: DepreciationReport },
      },
    },
    async (req, reply) => {
      const report = await s.inventory.depreciationReport(authOf(req), req.query.ownerOrgId, req.query.date);
      const format = exportFormat(req.query.format, req.headers.accept);
      const name = `anlagenbuchhaltung-${report.date}`;
      if (format === 'csv') {
        return sendCsv(reply, `${name}.csv`, DEPRECIATION_COLUMNS, report.items);
      }
      if (format === 'xlsx') {
        return sendXlsx(reply, `${name}.xlsx`, DEPRECIATION_COLUMNS, report.items, 'Anlagen');
      }
      return report;
    },
  );

  app.get('/api/v1/assets/:id', { schema: { tags, summary: 'One asset with its depreciation today', params: AssetIdParams, response: { 200: AssetResponse } } }, async (req) =>
    s.assets.get(authOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/assets/:id',
    { schema: { tags, summary: 'Change an asset (status changes go through /transitions)', params: AssetIdParams, body: AssetUpdateRequest, response: { 200: AssetResponse } } },
    async (req) => s.assets.update(authOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/assets/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move an asset to its next status; 409 with `allowed` when the step is not possible from here; `warnings` (e.g. a grant lock-in) do not stop it',
        params: AssetIdParams,
        body: AssetTransitionRequest,
        response: { 200: AssetTransitionResponse },
      },
    },
    async (req) => s.assets.transition(authOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/assets/:id/history',
    { schema: { tags, summary: 'Changes of an asset, newest first (audit trail)', params: AssetIdParams, querystring: PageQuery, response: { 200: HistoryList } } },
    async (req) => s.inventory.history(authOf(req), req.params.id, req.query.limit, req.query.cursor),
  );

  app.get(
    '/api/v1/assets/:id/relations',
    { schema: { tags, summary: 'Relations from and to an asset', params: AssetIdParams, response: { 200: RelationList } } },
    async (req) => s.relations.list(authOf(req), req.params.id),
  );

  app.post(
    '/api/v1/assets/:id/relations',
    {
      schema: { tags, summary: 'Relate an asset to another asset or a catalogue service', params: AssetIdParams, body: RelationCreateRequest, response: { 201: RelationResponse } },
    },
    async (req, reply) => reply.code(201).send(await s.relations.create(authOf(req), req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/assets/:id/relations/:rid',
    { schema: { tags, summary: 'Remove a relation', params: RelationIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await s.relations.remove(authOf(req), req.params.id, req.params.rid);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/organisations/:id/asset-settings',
    { schema: { tags, summary: 'Inventory settings of a provider (number pattern, low-value threshold, useful lives)', params: OrgIdParams, response: { 200: AssetSettingsResponse } } },
    async (req) => s.inventory.getSettings(authOf(req), req.params.id),
  );

  app.put(
    '/api/v1/organisations/:id/asset-settings',
    {
      schema: { tags, summary: 'Change the inventory settings of a provider', params: OrgIdParams, body: AssetSettingsUpdateRequest, response: { 200: AssetSettingsResponse } },
    },
    async (req) => s.inventory.updateSettings(authOf(req), req.params.id, req.body),
  );
}
