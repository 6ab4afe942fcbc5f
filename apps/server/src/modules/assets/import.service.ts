import { and } from 'drizzle-orm';
import { access } from '../../platform/access/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/db/columns.js';
import { inIds } from '../../platform/db/scope.js';
import { withSystem, withTenant } from '../../platform/db/tenant.js';
import { ConflictError, HttpError, UnprocessableError } from '../../platform/http/errors.js';
import { organisations } from '../organisations/index.js';
import { sites } from '../sites/index.js';
import { ATTRIBUTE_FIELDS, checkAttributes } from './asset-types.js';
import type { AssetImportRequest, AssetImportResponse } from './assets.dto.js';
import * as repo from './assets.repository.js';
import type { AssetInsert } from './assets.schema.js';
import { resolveParties, settingsFor, type Parties } from './assets.service.js';
import { todayInBerlin } from './depreciation.js';
import { parseCell, parseCsv, parseDate, parseEuroCents, parseStatus, parseType, parseXlsx, suggestMapping, type Sheet } from './import-parse.js';
import { formatInventoryNumber } from './inventory-number.js';

const MAX_ROWS = 200_000;
const MAX_ERRORS_SHOWN = 1000;
const PREVIEW_ROWS = 20;
/** From this many new rows on, the planner gets fresh statistics right after the import. */
const ANALYZE_FROM_ROWS = 10_000;

interface RowError {
  row: number;
  field: string;
  message: string;
}

interface OrgInfo {
  id: string;
  name: string;
  shortName: string | null;
  ags: string | null;
  kind: 'provider' | 'member';
  providerId: string;
}

const key = (s: string) => s.trim().toLowerCase();

/**
 * CSV/XLSX import of assets: column mapping, per-row errors, dry run; nothing is stored when any
 * row fails unless the caller chose `valid_rows`. Rows are validated in memory, then stored with
 * one bulk insert per 5,000 rows and one audit event per import and organisation; a large import
 * ends with fresh planner statistics.
 */
export class ImportService {
  constructor(private readonly db: Db) {}

  async run(auth: AuthContext, input: AssetImportRequest, dryRun: boolean): Promise<AssetImportResponse> {
    access.requireAnywhere(auth, 'asset.manage');
    let sheet: Sheet;
    try {
      sheet = input.format === 'csv' ? parseCsv(input.content) : await parseXlsx(input.content);
    } catch (e) {
      throw new UnprocessableError(`The file could not be read as ${input.format.toUpperCase()}: ${(e as Error).message.slice(0, 200)}`);
    }
    if (sheet.columns.length === 0) {
      throw new UnprocessableError('The file has no header row.');
    }
    if (sheet.rows.length > MAX_ROWS) {
      throw new HttpError(413, 'Content Too Large', `At most ${MAX_ROWS} rows per import.`);
    }
    const mapping = { ...suggestMapping(sheet.columns), ...(input.mapping ?? {}) };
    for (const [field, col] of Object.entries(mapping)) {
      if (col === '') {
        delete mapping[field];
      } else if (!sheet.columns.includes(col)) {
        throw new UnprocessableError(`The column "${col}" is not in the file.`, [{ field: `body/mapping/${field}`, message: 'a column header of the file' }]);
      }
    }
    const used = new Set(Object.values(mapping));
    const index = Object.fromEntries(Object.entries(mapping).map(([f, c]) => [f, sheet.columns.indexOf(c)]));

    const result = await withTenant(this.db, auth, async (tx) => {
      const orgs = await this.visibleOrgs(tx, auth);
      const defaultMember = input.usingMemberId ?? null;
      if (defaultMember) {
        await access.require(tx, auth, 'asset.manage', [defaultMember]);
      }
      const partiesCache = new Map<string, Parties | RowError>();
      const siteCache = new Map<string, Map<string, string>>();
      const errors: RowError[] = [];
      const prepared: { row: number; values: Omit<AssetInsert, 'inventoryNumber'> & { inventoryNumber?: string } }[] = [];
      const preview: AssetImportResponse['preview'] = [];
      const seenNumbers = new Map<string, number>();
      let invalidRows = 0;

      for (let i = 0; i < sheet.rows.length; i++) {
        const cells = sheet.rows[i]!;
        const rowNo = i + 2;
        const rowErrors: RowError[] = [];
        const cell = (f: string) => (index[f] !== undefined ? (cells[index[f]!] ?? '').trim() : '');
        const err = (field: string, message: string) => rowErrors.push({ row: rowNo, field, message });

        const type = parseType(cell('type'));
        if (!type) {
          err('type', cell('type') ? `unknown type "${cell('type')}"` : 'required');
        }
        const statusText = cell('status');
        const status = statusText ? parseStatus(statusText) : 'in_stock';
        if (!status || status === 'disposed') {
          err('status', status === 'disposed' ? 'disposed assets are not imported' : `unknown status "${statusText}"`);
        }
        // Member and owner: by name, short name, AGS or id of a visible organisation.
        const memberText = cell('member');
        let memberId: string | null = defaultMember;
        if (memberText) {
          const m = orgs.byKey.get(key(memberText));
          if (!m || m.kind !== 'member') {
            err('member', `no member "${memberText}"`);
          } else {
            memberId = m.id;
          }
        }
        const ownerText = cell('owner') || input.owner || 'provider';
        let ownerId: string | null = null;
        const ownerKey = key(ownerText);
        if (['provider', 'träger', 'traeger', 'dienstleister', 'zweckverband'].includes(ownerKey)) {
          ownerId = memberId ? (orgs.byId.get(memberId)?.providerId ?? null) : (orgs.providers[0]?.id ?? null);
        } else if (['member', 'mitglied', 'kommune'].includes(ownerKey)) {
          ownerId = memberId;
          if (!memberId) {
            err('owner', 'owner "member" needs a member');
          }
        } else {
          ownerId = orgs.byKey.get(ownerKey)?.id ?? null;
          if (!ownerId) {
            err('owner', `no organisation "${ownerText}"`);
          }
        }
        let parties: Parties | undefined;
        if (ownerId && rowErrors.every((e) => e.field !== 'member')) {
          const pk = `${ownerId}|${memberId ?? ''}`;
          if (!partiesCache.has(pk)) {
            partiesCache.set(
              pk,
              await tx
                .transaction((sp) => resolveParties(sp, auth, ownerId, memberId))
                .catch((e: unknown) => ({ row: 0, field: 'owner', message: e instanceof HttpError ? `${e.message} ${JSON.stringify(e.extra.errors ?? '')}`.trim() : 'not allowed' })),
            );
          }
          const p = partiesCache.get(pk)!;
          if ('row' in p) {
            err(p.field, p.message.includes('not exist') ? 'owner or member not found or not yours to manage' : p.message);
          } else {
            parties = p;
          }
        }
        const values: Record<string, unknown> = {};
        for (const f of ['name', 'serial', 'manufacturer', 'model', 'assignedPerson', 'supplier', 'fundingReference', 'notes'] as const) {
          const v = cell(f);
          if (v) {
            values[f] = v.slice(0, f === 'notes' ? 10_000 : 500);
          }
        }
        for (const f of ['purchaseDate', 'warrantyEnd'] as const) {
          const v = cell(f);
          if (v) {
            const d = parseDate(v);
            if (d) {
              values[f] = d;
            } else {
              err(f, `not a date: "${v}" (YYYY-MM-DD or DD.MM.YYYY)`);
            }
          }
        }
        if (cell('cost')) {
          const c = parseEuroCents(cell('cost'));
          if (c === undefined || c > 100_000_000_000) {
            err('cost', `not an amount in euros: "${cell('cost')}"`);
          } else {
            values.costCents = c;
          }
        }
        if (cell('usefulLifeMonths')) {
          const n = Number(cell('usefulLifeMonths'));
          if (!Number.isInteger(n) || n < 1 || n > 600) {
            err('usefulLifeMonths', 'whole months, 1–600');
          } else {
            values.usefulLifeMonths = n;
          }
        }
        const inv = cell('inventoryNumber');
        if (inv) {
          if (inv.length > 60) {
            err('inventoryNumber', 'at most 60 characters');
          } else if (seenNumbers.has(inv)) {
            err('inventoryNumber', `"${inv}" already in row ${seenNumbers.get(inv)}`);
          } else {
            seenNumbers.set(inv, rowNo);
          }
        }
        let attributes: Record<string, unknown> = {};
        if (type) {
          const raw: Record<string, unknown> = {};
          for (const f of ATTRIBUTE_FIELDS[type]) {
            const v = cell(`attributes.${f.key}`);
            if (v) {
              const parsed = parseCell(f, v);
              if (parsed.error) {
                err(`attributes.${f.key}`, parsed.error);
              } else {
                raw[f.key] = parsed.value;
              }
            }
          }
          // Most rows carry no attribute columns; the union check is only worth it when there is something to check.
          const checked = Object.keys(raw).length === 0 ? { ok: true as const, attributes: raw } : checkAttributes(type, raw, 'attributes');
          if (checked.ok) {
            attributes = checked.attributes;
          } else {
            checked.errors.forEach((e) => err(e.field.replace(/\//g, '.'), e.message));
          }
        }
        if (parties && cell('site')) {
          const siteId = (await this.sitesOf(tx, auth, parties, siteCache)).get(key(cell('site')));
          if (!siteId) {
            err('site', `no site "${cell('site')}" of the member or provider`);
          } else {
            values.siteId = siteId;
          }
        }
        const ok = rowErrors.length === 0;
        if (!ok) {
          invalidRows++;
          for (const e of rowErrors) {
            if (errors.length < MAX_ERRORS_SHOWN) {
              errors.push(e);
            }
          }
        } else {
          prepared.push({ row: rowNo, values: { ...(values as Partial<AssetInsert>), ...parties!, type: type!, status: status!, attributes, ...(inv ? { inventoryNumber: inv } : {}) } });
        }
        if (preview.length < PREVIEW_ROWS) {
          preview.push({
            row: rowNo,
            type: type ?? null,
            inventoryNumber: inv || null,
            name: (values.name as string | undefined) ?? null,
            manufacturer: (values.manufacturer as string | undefined) ?? null,
            model: (values.model as string | undefined) ?? null,
            serial: (values.serial as string | undefined) ?? null,
            status: status ?? null,
            member: memberId ? (orgs.byId.get(memberId)?.name ?? null) : null,
            costCents: (values.costCents as number | undefined) ?? null,
            ok,
          });
        }
      }

      // Inventory numbers already taken at the provider (as far as the caller sees; the unique index guards the rest).
      const byProvider = new Map<string, string[]>();
      for (const p of prepared) {
        if (p.values.inventoryNumber) {
          byProvider.set(p.values.providerId, [...(byProvider.get(p.values.providerId) ?? []), p.values.inventoryNumber]);
        }
      }
      const taken = new Set<string>();
      for (const [providerId, nums] of byProvider) {
        for (const n of await repo.existingNumbers(tx, providerId, nums)) {
          taken.add(`${providerId}|${n}`);
        }
      }
      const valid = prepared.filter((p) => {
        if (p.values.inventoryNumber && taken.has(`${p.values.providerId}|${p.values.inventoryNumber}`)) {
          invalidRows++;
          if (errors.length < MAX_ERRORS_SHOWN) {
            errors.push({ row: p.row, field: 'inventoryNumber', message: `"${p.values.inventoryNumber}" is already taken` });
          }
          return false;
        }
        return true;
      });
      errors.sort((a, b) => a.row - b.row);
      const base = {
        dryRun,
        columns: sheet.columns,
        mapping,
        unmappedColumns: sheet.columns.filter((c) => !used.has(c)),
        total: sheet.rows.length,
        valid: valid.length,
        invalid: invalidRows,
        errors,
        preview,
      };
      const mode = input.mode ?? 'all_or_nothing';
      if (dryRun) {
        return { ...base, imported: 0, importId: null };
      }
      if (invalidRows > 0 && mode === 'all_or_nothing') {
        throw new UnprocessableError(`${invalidRows} of ${sheet.rows.length} rows have errors; nothing was imported.`, errors.map((e) => ({ field: `rows/${e.row}/${e.field}`, message: e.message })));
      }
      const importId = await this.store(tx, auth, valid.map((v) => v.values), { format: input.format, mode, fileRows: sheet.rows.length });
      return { ...base, imported: valid.length, importId };
    });
    if (result.imported >= ANALYZE_FROM_ROWS) {
      await withSystem(this.db, (tx) => repo.analyze(tx));
    }
    return result;
  }

  /**
   * Stores the rows in the caller's transaction: inventory numbers drawn in one block per provider,
   * bulk inserts, and ONE audit event per import and organisation (the tenant key, so each member
   * reads the event of its own assets) with the count and the import id instead of one per asset —
   * each asset carries `import_id`, and its history shows that event.
   */
  private async store(
    tx: Tx,
    auth: AuthContext,
    rows: (Omit<AssetInsert, 'inventoryNumber'> & { inventoryNumber?: string })[],
    info: { format: string; mode: string; fileRows: number },
  ): Promise<string> {
    const importId = uuidv7();
    const year = Number(todayInBerlin().slice(0, 4));
    const needing = new Map<string, number>();
    for (const r of rows) {
      if (!r.inventoryNumber) {
        needing.set(r.providerId, (needing.get(r.providerId) ?? 0) + 1);
      }
    }
    const next = new Map<string, { seq: number; pattern: string }>();
    for (const [providerId, n] of needing) {
      const s = await settingsFor(tx, providerId);
      next.set(providerId, { seq: await repo.drawNumbers(tx, providerId, year, n), pattern: s.pattern });
    }
    const full: AssetInsert[] = rows.map((r) => {
      if (r.inventoryNumber) {
        return { ...r, id: uuidv7(), inventoryNumber: r.inventoryNumber, importId };
      }
      const n = next.get(r.providerId)!;
      return { ...r, id: uuidv7(), inventoryNumber: formatInventoryNumber(n.pattern, year, n.seq++), importId };
    });
    try {
      await tx.transaction(async (sp) => {
        await repo.insertMany(sp, full);
      });
    } catch (e) {
      const err = e as { code?: string; cause?: { code?: string } };
      if (err.code === '23505' || err.cause?.code === '23505') {
        throw new ConflictError('An inventory number of the file is already taken at the provider; nothing was imported.');
      }
      throw e;
    }
    const perOrg = new Map<string, { count: number; first: string; last: string }>();
    for (const r of full) {
      const o = perOrg.get(r.orgId);
      if (o) {
        o.count++;
        o.last = r.inventoryNumber;
      } else {
        perOrg.set(r.orgId, { count: 1, first: r.inventoryNumber, last: r.inventoryNumber });
      }
    }
    for (const [orgId, o] of perOrg) {
      await recordAudit(tx, auth, {
        orgId,
        entityType: 'asset_import',
        entityId: importId,
        action: 'import',
        after: { importId, count: o.count, totalImported: full.length, firstInventoryNumber: o.first, lastInventoryNumber: o.last, ...info },
      });
    }
    return importId;
  }

  private async visibleOrgs(tx: Tx, auth: AuthContext) {
    const rows: OrgInfo[] = await tx
      .select({ id: organisations.id, name: organisations.name, shortName: organisations.shortName, ags: organisations.ags, kind: organisations.kind, providerId: organisations.providerId })
      .from(organisations)
      .where(and(inIds(organisations.id, auth.orgIds)));
    const byKey = new Map<string, OrgInfo>();
    for (const o of rows) {
      for (const k of [o.id, o.name, o.shortName, o.ags]) {
        if (k && !byKey.has(key(k))) {
          byKey.set(key(k), o);
        }
      }
    }
    return { byKey, byId: new Map(rows.map((o) => [o.id, o])), providers: rows.filter((o) => o.kind === 'provider') };
  }

  private async sitesOf(tx: Tx, auth: AuthContext, p: Parties, cache: Map<string, Map<string, string>>) {
    const k = `${p.orgId}|${p.providerId}`;
    let m = cache.get(k);
    if (!m) {
      const rows = await tx
        .select({ id: sites.id, name: sites.name, orgId: sites.orgId })
        .from(sites)
        .where(and(inIds(sites.orgId, [p.orgId, p.providerId]), inIds(sites.orgId, auth.orgIds)));
      // The member's own site wins over a provider site of the same name.
      rows.sort((a, b) => (a.orgId === p.orgId ? 1 : 0) - (b.orgId === p.orgId ? 1 : 0));
      m = new Map(rows.map((r) => [key(r.name), r.id]));
      cache.set(k, m);
    }
    return m;
  }
}
