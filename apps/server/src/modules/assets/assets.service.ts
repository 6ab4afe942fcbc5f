import type { Permission } from '@verbund/shared';
import { and } from 'drizzle-orm';
import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ConflictError, HttpError, NotFoundError, UnprocessableError, type FieldError } from '../../platform/http/errors.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { organisations } from '../organisations/index.js';
import { sitesLookup } from '../sites/index.js';
import { allowedNext, canMove } from './asset-lifecycle.js';
import { checkAttributes } from './asset-types.js';
import type { AssetCreateRequest, AssetListQuery, AssetResponse, AssetTransitionRequest, AssetUpdateRequest, AssetWarning } from './assets.dto.js';
import * as repo from './assets.repository.js';
import type { AssetInsert, AssetRow, AssetType } from './assets.schema.js';
import { bookValueAt, DEFAULT_LOW_VALUE_THRESHOLD_CENTS, todayInBerlin, usefulLifeFor } from './depreciation.js';
import { DEFAULT_PATTERN, formatInventoryNumber } from './inventory-number.js';

export function has(auth: AuthContext, orgId: string, p: Permission): boolean {
  return auth.permissions.get(orgId)?.has(p) ?? false;
}

export interface EffectiveSettings {
  providerId: string;
  pattern: string;
  thresholdCents: number;
  lifeTable: Partial<Record<AssetType, number>>;
}

/** The provider's settings over the defaults; memoised per call site (one provider per request mostly). */
export async function settingsFor(tx: Tx, providerId: string, memo = new Map<string, EffectiveSettings>()): Promise<EffectiveSettings> {
  const hit = memo.get(providerId);
  if (hit) {
    return hit;
  }
  const row = await repo.settingsOf(tx, providerId);
  const s = {
    providerId,
    pattern: row?.inventoryPattern ?? DEFAULT_PATTERN,
    thresholdCents: row?.lowValueThresholdCents ?? DEFAULT_LOW_VALUE_THRESHOLD_CENTS,
    lifeTable: row?.usefulLifeMonths ?? {},
  };
  memo.set(providerId, s);
  return s;
}

export function depreciationOf(a: Pick<AssetRow, 'type' | 'costCents' | 'purchaseDate' | 'usefulLifeMonths' | 'disposedAt'>, s: EffectiveSettings, date: string) {
  const life = usefulLifeFor(a.type, a.usefulLifeMonths, s.lifeTable);
  const v = bookValueAt({ costCents: a.costCents, purchaseDate: a.purchaseDate, usefulLifeMonths: life, lowValueThresholdCents: s.thresholdCents, disposedAt: a.disposedAt }, date);
  return { asOf: date, usefulLifeMonths: life, lowValueThresholdCents: s.thresholdCents, ...v };
}

export function present(auth: AuthContext, a: repo.AssetWithNames, s: EffectiveSettings, date = todayInBerlin()): AssetResponse {
  const manage = has(auth, a.orgId, 'asset.manage');
  return {
    id: a.id,
    orgId: a.orgId,
    providerId: a.providerId,
    ownerOrgId: a.ownerOrgId,
    ownerName: a.ownerName,
    ownerIsProvider: a.ownerIsProvider,
    usingMemberId: a.usingMemberId,
    usingMemberName: a.usingMemberName,
    type: a.type,
    inventoryNumber: a.inventoryNumber,
    name: a.name,
    serial: a.serial,
    manufacturer: a.manufacturer,
    model: a.model,
    status: a.status,
    siteId: a.siteId,
    siteName: a.siteName,
    roomId: a.roomId,
    roomName: a.roomName,
    assignedPerson: a.assignedPerson,
    purchaseDate: a.purchaseDate,
    costCents: a.costCents,
    supplier: a.supplier,
    warrantyEnd: a.warrantyEnd,
    fundingReference: a.fundingReference,
    usefulLifeMonths: a.usefulLifeMonths,
    disposedAt: a.disposedAt,
    attributes: a.attributes,
    notes: a.notes,
    allowedTransitions: [...allowedNext(a.status)],
    depreciation: depreciationOf(a, s, date),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    abilities: {
      update: manage && a.status !== 'disposed',
      transition: manage && allowedNext(a.status).length > 0,
      relate: manage,
    },
  };
}

export interface Parties {
  orgId: string;
  providerId: string;
  ownerOrgId: string;
  usingMemberId: string | null;
}

/**
 * Owner and using member of an asset: both of one provider; the owner is the provider or a
 * member; a member owner is also the using member (one tenant key — a member never carries
 * another member's asset). The caller must manage assets on both.
 */
export async function resolveParties(tx: Tx, auth: AuthContext, ownerOrgId: string, usingMemberId: string | null | undefined, field = 'body'): Promise<Parties> {
  const ids = [...new Set([ownerOrgId, ...(usingMemberId ? [usingMemberId] : [])])];
  await access.require(tx, auth, 'asset.manage', ids);
  const rows = await tx
    .select({ id: organisations.id, kind: organisations.kind, providerId: organisations.providerId })
    .from(organisations)
    .where(and(inIds(organisations.id, ids), inIds(organisations.id, auth.orgIds)));
  const owner = rows.find((r) => r.id === ownerOrgId);
  const member = usingMemberId ? rows.find((r) => r.id === usingMemberId) : undefined;
  if (!owner || (usingMemberId && !member)) {
    throw new NotFoundError();
  }
  const errors: FieldError[] = [];
  if (member && member.kind !== 'member') {
    errors.push({ field: `${field}/usingMemberId`, message: 'must be a member, not the provider' });
  }
  if (member && member.providerId !== owner.providerId) {
    errors.push({ field: `${field}/usingMemberId`, message: 'must be a member of the owner’s provider' });
  }
  if (owner.kind === 'member' && member && member.id !== owner.id) {
    errors.push({ field: `${field}/usingMemberId`, message: 'an asset owned by a member is used by that member' });
  }
  if (errors.length) {
    throw new UnprocessableError('Owner and using member do not fit together.', errors);
  }
  const using = owner.kind === 'member' ? owner.id : (member?.id ?? null);
  return { orgId: using ?? owner.id, providerId: owner.providerId, ownerOrgId: owner.id, usingMemberId: using };
}

/** A site must belong to the asset's member or its provider (a member's server may stand in the data centre); a room to its site. */
export async function checkPlace(tx: Tx, auth: AuthContext, p: Parties, siteId: string | null, roomId: string | null): Promise<{ siteId: string | null; roomId: string | null }> {
  let site = siteId;
  if (roomId) {
    const [room] = await sitesLookup.findRooms(tx, auth, [roomId]);
    if (!room || (site && room.siteId !== site)) {
      throw new UnprocessableError('The room is not a room of that site.', [{ field: 'body/roomId', message: 'a room of the chosen site' }]);
    }
    site = room.siteId;
  }
  if (site) {
    const [row] = await sitesLookup.findSites(tx, auth, [site]);
    if (!row || (row.orgId !== p.orgId && row.orgId !== p.providerId)) {
      throw new UnprocessableError('The site is not one of the member or its provider.', [{ field: 'body/siteId', message: 'a site of the using member or the provider' }]);
    }
  }
  return { siteId: site, roomId };
}

function attributesOrThrow(type: AssetType, attributes: unknown): Record<string, unknown> {
  const res = checkAttributes(type, attributes);
  if (!res.ok) {
    throw new UnprocessableError(`The attributes do not fit the type ${type}.`, res.errors);
  }
  return res.attributes;
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

const EDITABLE = ['name', 'serial', 'manufacturer', 'model', 'assignedPerson', 'purchaseDate', 'costCents', 'supplier', 'warrantyEnd', 'fundingReference', 'usefulLifeMonths', 'notes'] as const;

/**
 * Port for other modules to warn about a step out of use (`retired`, `disposed`) on `date` — the
 * grants module reports a lock-in (Zweckbindung) that is still running. Runs in the step's
 * transaction under the caller's tenant; the step goes through either way.
 */
export type LifecycleWarnings = (tx: Tx, auth: AuthContext, asset: { id: string; purchaseDate: string | null }, date: string) => Promise<AssetWarning[]>;
export const noLifecycleWarnings: LifecycleWarnings = async () => [];

const OUT_OF_USE: readonly string[] = ['retired', 'disposed'];

export class AssetsService {
  constructor(
    private readonly db: Db,
    private readonly lifecycleWarnings: LifecycleWarnings = noLifecycleWarnings,
  ) {}

  async list(auth: AuthContext, q: AssetListQuery, all = false) {
    access.requireAnywhere(auth, 'asset.read');
    return withTenant(this.db, auth, async (tx) => {
      const cursor = decodeCursor(q.cursor);
      const after = cursor?.[0];
      if (cursor && typeof after !== 'string') {
        throw new HttpError(400, 'Bad Request', 'The cursor is not valid; start again without it.');
      }
      const f: repo.AssetFilter = { ...q, orgIds: orgsWith(auth, 'asset.read') };
      // An export takes every matching row (up to a sane cap), not one page.
      const limit = all ? 200_000 : q.limit;
      const rows = await repo.list(tx, auth, f, limit, all ? undefined : (after as string | undefined));
      const p = page(rows, limit, (r) => [r.id]);
      const memo = new Map<string, EffectiveSettings>();
      const today = todayInBerlin();
      const items: AssetResponse[] = [];
      for (const r of p.items) {
        items.push(present(auth, r, await settingsFor(tx, r.providerId, memo), today));
      }
      const total = all ? items.length : await repo.count(tx, auth, f, 10_000);
      return { ...p, items, ...(total === null ? {} : { total }) };
    });
  }

  async get(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'asset.read', [id]);
      const row = await this.load(tx, auth, id);
      return present(auth, row, await settingsFor(tx, row.providerId));
    });
  }

  async load(tx: Tx, auth: AuthContext, id: string) {
    const row = await repo.findById(tx, auth, id);
    if (!row) {
      throw new NotFoundError();
    }
    return row;
  }

  async create(auth: AuthContext, input: AssetCreateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      const p = await resolveParties(tx, auth, input.ownerOrgId, input.usingMemberId);
      const place = await checkPlace(tx, auth, p, input.siteId ?? null, input.roomId ?? null);
      const attributes = attributesOrThrow(input.type, input.attributes ?? {});
      const s = await settingsFor(tx, p.providerId);
      const year = Number(todayInBerlin().slice(0, 4));
      const inventoryNumber = input.inventoryNumber ?? formatInventoryNumber(s.pattern, year, await repo.drawNumbers(tx, p.providerId, year, 1));
      const values: AssetInsert = { ...p, ...place, type: input.type, inventoryNumber, status: input.status ?? 'in_stock', attributes };
      for (const k of EDITABLE) {
        if (input[k] !== undefined) {
          (values as Record<string, unknown>)[k] = input[k];
        }
      }
      const row = await tx.transaction((sp) => repo.insert(sp, values)).catch((e: unknown) => {
        if (isUniqueViolation(e)) {
          throw new ConflictError(`The inventory number ${inventoryNumber} is already taken.`);
        }
        throw e;
      });
      await recordAudit(tx, auth, { orgId: row.orgId, entityType: 'asset', entityId: row.id, action: 'create', after: row });
      return present(auth, await this.load(tx, auth, row.id), s);
    });
  }

  async update(auth: AuthContext, id: string, input: AssetUpdateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'asset.manage', [id]);
      await repo.lockById(tx, auth, id);
      const before = await this.load(tx, auth, id);
      if (before.status === 'disposed') {
        throw new ConflictError('A disposed asset is kept as it was; it cannot be changed.');
      }
      const changes: Partial<AssetInsert> = {};
      for (const k of EDITABLE) {
        if (input[k] !== undefined) {
          (changes as Record<string, unknown>)[k] = input[k];
        }
      }
      let parties: Parties = { orgId: before.orgId, providerId: before.providerId, ownerOrgId: before.ownerOrgId, usingMemberId: before.usingMemberId };
      if (input.ownerOrgId !== undefined || input.usingMemberId !== undefined) {
        parties = await resolveParties(tx, auth, input.ownerOrgId ?? before.ownerOrgId, input.usingMemberId !== undefined ? input.usingMemberId : before.usingMemberId);
        if (parties.providerId !== before.providerId) {
          throw new UnprocessableError('An asset stays with its provider.', [{ field: 'body/ownerOrgId', message: 'an organisation of the same provider' }]);
        }
        Object.assign(changes, parties);
      }
      if (input.siteId !== undefined || input.roomId !== undefined || changes.orgId !== undefined) {
        const siteId = input.siteId !== undefined ? input.siteId : before.siteId;
        const roomId = input.roomId !== undefined ? input.roomId : input.siteId !== undefined && input.siteId !== before.siteId ? null : before.roomId;
        Object.assign(changes, await checkPlace(tx, auth, parties, siteId, roomId));
      }
      if (input.attributes !== undefined) {
        changes.attributes = attributesOrThrow(before.type, input.attributes);
      }
      if (input.inventoryNumber !== undefined) {
        changes.inventoryNumber = input.inventoryNumber;
      }
      const row = await tx.transaction((sp) => repo.update(sp, auth, id, changes)).catch((e: unknown) => {
        if (isUniqueViolation(e)) {
          throw new ConflictError(`The inventory number ${input.inventoryNumber} is already taken.`);
        }
        throw e;
      });
      if (!row) {
        throw new NotFoundError();
      }
      await recordAudit(tx, auth, { orgId: row.orgId, entityType: 'asset', entityId: id, action: 'update', before: strip(before), after: row });
      return present(auth, await this.load(tx, auth, id), await settingsFor(tx, row.providerId));
    });
  }

  async transition(auth: AuthContext, id: string, input: AssetTransitionRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'asset.manage', [id]);
      await repo.lockById(tx, auth, id);
      const before = await this.load(tx, auth, id);
      if (!canMove(before.status, input.to)) {
        throw new HttpError(409, 'Conflict', `An asset in status ${before.status} cannot move to ${input.to}.`, {
          currentStatus: before.status,
          allowed: [...allowedNext(before.status)],
        });
      }
      const date = input.date ?? todayInBerlin();
      if (input.to === 'disposed' && before.purchaseDate && date < before.purchaseDate) {
        throw new UnprocessableError('Disposal before purchase.', [{ field: 'body/date', message: 'on or after the purchase date' }]);
      }
      const row = await repo.update(tx, auth, id, { status: input.to, disposedAt: input.to === 'disposed' ? date : null });
      const warnings = OUT_OF_USE.includes(input.to) ? await this.lifecycleWarnings(tx, auth, { id, purchaseDate: before.purchaseDate }, date) : [];
      await recordAudit(tx, auth, {
        orgId: before.orgId,
        entityType: 'asset',
        entityId: id,
        action: `transition:${before.status}->${input.to}`,
        before: { status: before.status, disposedAt: before.disposedAt },
        after: { status: row!.status, disposedAt: row!.disposedAt, date, note: input.note ?? null, ...(warnings.length > 0 ? { warnings } : {}) },
      });
      return { ...present(auth, await this.load(tx, auth, id), await settingsFor(tx, before.providerId)), warnings };
    });
  }
}

/** The joined names are not columns; the audit trail keeps the row as stored. */
function strip(a: repo.AssetWithNames): AssetRow {
  const { ownerName: _o, ownerIsProvider: _p, usingMemberName: _u, siteName: _s, roomName: _r, ...row } = a;
  return row;
}
