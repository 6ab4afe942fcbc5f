import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { listAudit, recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { organisationsRepository } from '../organisations/index.js';
import { ATTRIBUTE_FIELDS } from './asset-types.js';
import type { AssetSettingsUpdateRequest, LabelsQuery } from './assets.dto.js';
import * as repo from './assets.repository.js';
import { ASSET_TYPES } from './assets.schema.js';
import { depreciationOf, has, settingsFor } from './assets.service.js';
import { DEFAULT_USEFUL_LIFE_MONTHS, depreciationInYear, todayInBerlin, usefulLifeFor } from './depreciation.js';
import { renderLabels } from './labels.js';

const HIDDEN = new Set(['createdAt', 'updatedAt', 'id', 'orgId', 'providerId']);

/** The fields that differ between two audit snapshots (all of `after` for a creation). */
export function diff(before: unknown, after: unknown): { field: string; before: unknown; after: unknown }[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !HIDDEN.has(k));
  return keys
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({ field: k, before: b[k] ?? null, after: a[k] ?? null }));
}

/** Settings, depreciation report (Anlagenbuchhaltung), history and labels. */
export class InventoryService {
  constructor(
    private readonly db: Db,
    private readonly baseUrl?: string,
  ) {}

  async types() {
    return {
      items: ASSET_TYPES.map((type) => ({
        type,
        defaultUsefulLifeMonths: DEFAULT_USEFUL_LIFE_MONTHS[type],
        fields: ATTRIBUTE_FIELDS[type].map((f) => ({ ...f, options: f.options ? [...f.options] : undefined })),
      })),
    };
  }

  private async provider(tx: Parameters<Parameters<typeof withTenant>[2]>[0], auth: AuthContext, id: string) {
    const org = await organisationsRepository.findById(tx, auth, id);
    if (!org || org.kind !== 'provider') {
      throw new NotFoundError();
    }
    return org;
  }

  async getSettings(auth: AuthContext, providerId: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'asset.read', [providerId]);
      await this.provider(tx, auth, providerId);
      return this.presentSettings(auth, providerId, await repo.settingsOf(tx, providerId));
    });
  }

  private presentSettings(auth: AuthContext, providerId: string, row: Awaited<ReturnType<typeof repo.settingsOf>>) {
    const overrides = row?.usefulLifeMonths ?? {};
    return {
      providerId,
      inventoryPattern: row?.inventoryPattern ?? 'INV-{YYYY}-{seq:6}',
      lowValueThresholdCents: row?.lowValueThresholdCents ?? 80_000,
      usefulLifeMonths: Object.fromEntries(ASSET_TYPES.map((t) => [t, usefulLifeFor(t, null, overrides)])),
      overrides: overrides as Record<string, number>,
      canManage: has(auth, providerId, 'asset.manage'),
    };
  }

  async updateSettings(auth: AuthContext, providerId: string, input: AssetSettingsUpdateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'asset.manage', [providerId]);
      await this.provider(tx, auth, providerId);
      const before = await repo.settingsOf(tx, providerId);
      const row = await repo.upsertSettings(tx, providerId, {
        ...(input.inventoryPattern !== undefined ? { inventoryPattern: input.inventoryPattern } : {}),
        ...(input.lowValueThresholdCents !== undefined ? { lowValueThresholdCents: input.lowValueThresholdCents } : {}),
        ...(input.usefulLifeMonths !== undefined ? { usefulLifeMonths: input.usefulLifeMonths } : {}),
      });
      await recordAudit(tx, auth, { orgId: providerId, entityType: 'asset_settings', entityId: providerId, action: 'update', before: before ?? null, after: row });
      return this.presentSettings(auth, providerId, row);
    });
  }

  /** The Anlagenbuchhaltung list of one owner: cost, AfA of the year, accumulated, book value on `date`. */
  async depreciationReport(auth: AuthContext, ownerOrgId: string, date = todayInBerlin()) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'asset.read', [ownerOrgId]);
      const rows = await repo.list(tx, auth, { orgIds: orgsWith(auth, 'asset.read'), ownerOrgId }, 200_000);
      if (rows.length === 0 && !(await organisationsRepository.findById(tx, auth, ownerOrgId))) {
        throw new NotFoundError();
      }
      const memo = new Map();
      const year = Number(date.slice(0, 4));
      const items = [];
      const totals = { costCents: 0, bookValueCents: 0, depreciationInYearCents: 0 };
      for (const r of rows.reverse()) {
        const s = await settingsFor(tx, r.providerId, memo);
        const d = depreciationOf(r, s, date);
        const inYear = depreciationInYear(
          { costCents: r.costCents, purchaseDate: r.purchaseDate, usefulLifeMonths: d.usefulLifeMonths, lowValueThresholdCents: s.thresholdCents, disposedAt: r.disposedAt },
          year,
        );
        items.push({
          assetId: r.id,
          inventoryNumber: r.inventoryNumber,
          type: r.type,
          name: r.name,
          manufacturer: r.manufacturer,
          model: r.model,
          serial: r.serial,
          usingMemberName: r.usingMemberName,
          siteName: r.siteName,
          purchaseDate: r.purchaseDate,
          costCents: r.costCents,
          fundingReference: r.fundingReference,
          classification: d.classification,
          usefulLifeMonths: d.usefulLifeMonths,
          depreciationInYearCents: inYear,
          accumulatedCents: d.accumulatedCents,
          bookValueCents: d.bookValueCents,
          disposedAt: r.disposedAt,
          writtenOffCents: d.writtenOffCents,
        });
        totals.costCents += r.costCents ?? 0;
        totals.bookValueCents += d.bookValueCents;
        totals.depreciationInYearCents += inYear;
      }
      return { ownerOrgId, date, items, totals };
    });
  }

  async history(auth: AuthContext, id: string, limit: number, cursor?: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'asset.read', [id]);
      const asset = await repo.findById(tx, auth, id);
      const c = decodeCursor(cursor);
      if (c && typeof c[0] !== 'string') {
        throw new UnprocessableError('The cursor is not valid.');
      }
      const rows = await listAudit(tx, {
        orgIds: orgsWith(auth, 'asset.read'),
        entityType: 'asset',
        entityId: id,
        ...(asset?.importId ? { alsoEntity: { type: 'asset_import', id: asset.importId } } : {}),
        limit,
        cursor: c?.[0] as string | undefined,
      });
      const items = rows.slice(0, limit).map((e) => ({
        id: e.id,
        action: e.action,
        actorName: e.actorName,
        createdAt: e.createdAt.toISOString(),
        changes: diff(e.before, e.after),
      }));
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
    });
  }

  async labels(auth: AuthContext, q: LabelsQuery) {
    access.requireAnywhere(auth, 'asset.read');
    const rows = await withTenant(this.db, auth, async (tx) => {
      const ids = q.ids ? q.ids.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      if (ids && ids.length > 2000) {
        throw new UnprocessableError('At most 2,000 labels at once.', [{ field: 'querystring/ids', message: 'at most 2000 ids' }]);
      }
      const { ids: _raw, ...filters } = q;
      const f: repo.AssetFilter = ids ? { orgIds: orgsWith(auth, 'asset.read'), ids } : { ...filters, orgIds: orgsWith(auth, 'asset.read') };
      const found = await repo.list(tx, auth, f, 2000);
      if (ids && found.length !== new Set(ids).size) {
        throw new NotFoundError();
      }
      return found.slice(0, 2000).reverse();
    });
    return renderLabels(
      rows.map((r) => ({ id: r.id, inventoryNumber: r.inventoryNumber, type: r.type, name: r.name, holder: r.usingMemberName ?? r.ownerName })),
      { baseUrl: this.baseUrl },
    );
  }
}
