import type { AuthContext } from '../../platform/auth/auth.context.js';
import { access } from '../../platform/access/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/db/columns.js';
import { extendScope, withTenant } from '../../platform/db/tenant.js';
import { NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { sql } from 'drizzle-orm';
import { organisationsRepository } from '../organisations/index.js';
import { referenceRepository } from '../reference/index.js';
import { planFromDirectory, type PlannedOrg, type Selection } from './from-directory.js';
import type { FromDirectoryRequest } from './members.dto.js';
import * as membersRepo from './members.repository.js';

/**
 * "Create members from the directory": a preview of the organisations a Kreis, Gemeindeverbände
 * or Gemeinden would become, and applying it in one transaction (organisations, population at the
 * directory's reference date, audit events).
 */
export class FromDirectoryService {
  constructor(private readonly db: Db) {}

  private async plan(tx: Tx, auth: AuthContext, parentId: string, input: FromDirectoryRequest) {
    await access.require(tx, auth, 'organisation.create', [parentId]);
    const parent = await organisationsRepository.findById(tx, auth, parentId);
    if (!parent) {
      throw new NotFoundError();
    }
    const sel = await this.select(tx, input);
    const existing = await this.existing(tx, parent.providerId);
    const edition = await referenceRepository.edition(tx);
    return { parent, edition, ...planFromDirectory(sel, existing) };
  }

  /** Resolves the request into directory rows; unknown keys are a 422 naming them. */
  private async select(tx: Tx, input: FromDirectoryRequest): Promise<Selection> {
    const missing: string[] = [];
    let kreis: Selection['kreis'];
    const verbandKeys = new Set((input.verbaende ?? []).map((v) => v.slice(0, 9)));
    const gemeinden = new Map<string, Awaited<ReturnType<typeof referenceRepository.gemeindenOfKreis>>[number]>();
    if (input.kreis) {
      kreis = await referenceRepository.kreisByAgs(tx, input.kreis);
      if (!kreis) {
        missing.push(`Kreis ${input.kreis}`);
      } else {
        for (const v of await referenceRepository.listVerbaende(tx, input.kreis, true)) {
          verbandKeys.add(v.verbandArs);
        }
      }
    }
    const verbaende = await referenceRepository.verbaendeByKey(tx, [...verbandKeys]);
    for (const key of verbandKeys) {
      if (!verbaende.some((v) => v.verbandArs === key)) {
        missing.push(`Verband ${key}`);
      }
    }
    for (const g of await referenceRepository.gemeindenOfVerbaende(tx, [...verbandKeys])) {
      gemeinden.set(g.ars, g);
    }
    const single = await referenceRepository.gemeindenByAgs(tx, input.gemeinden ?? []);
    for (const ags of input.gemeinden ?? []) {
      const g = single.find((x) => x.ags === ags);
      if (!g) {
        missing.push(`AGS ${ags}`);
      } else {
        gemeinden.set(g.ars, g);
      }
    }
    if (missing.length > 0) {
      throw new UnprocessableError(`Im Gemeindeverzeichnis nicht gefunden: ${missing.join(', ')}.`);
    }
    const all = [...gemeinden.values()];
    const context = await referenceRepository.verbaendeByKey(tx, [...new Set(all.map((g) => g.verbandArs))]);
    return { kreis, verbaende, gemeinden: all, verbandTypes: new Map(context.map((v) => [v.verbandArs, v.typCode])) };
  }

  /** AGS/ARS of the organisations the provider has already (visible or not: duplicates are never wanted). */
  private async existing(tx: Tx, providerId: string) {
    // Keys of the provider's tree as far as the caller sees it (RLS): callers holding
    // organisation.create are provider staff, who see the whole tree.
    const res = await tx.execute<{ id: string; ags: string | null; ars: string | null }>(
      sql`select id, ags, ars from organisations where provider_id = ${providerId} and (ags is not null or ars is not null)`,
    );
    const byAgs = new Map<string, string>();
    const byArs = new Map<string, string>();
    for (const r of res.rows) {
      if (r.ags) {
        byAgs.set(r.ags, r.id);
      }
      if (r.ars) {
        byArs.set(r.ars, r.id);
      }
    }
    return { byAgs, byArs };
  }

  async preview(auth: AuthContext, parentId: string, input: FromDirectoryRequest) {
    return withTenant(this.db, auth, async (tx) => {
      const p = await this.plan(tx, auth, parentId, input);
      return { parentId, populationDate: p.edition?.populationDate ?? null, items: p.planned, skipped: p.skipped };
    });
  }

  async apply(auth: AuthContext, parentId: string, input: FromDirectoryRequest) {
    return withTenant(this.db, auth, async (tx) => {
      const p = await this.plan(tx, auth, parentId, input);
      const populationDate = p.edition?.populationDate ?? null;
      const ids = new Map<string, string>(p.planned.map((o) => [o.ars, uuidv7()]));
      // Every planned organisation lies below the checked parent (or below an existing one of the
      // same provider that the caller sees); the scope grows by exactly these ids.
      await extendScope(tx, [...ids.values()]);
      const scope = { orgIds: [...auth.orgIds, ...ids.values()] };
      const created = [];
      for (const o of p.planned) {
        const id = ids.get(o.ars)!;
        const parent = this.parentOf(auth, o, parentId, ids);
        const row = await organisationsRepository.insert(tx, scope, {
          id,
          parentId: parent,
          providerId: p.parent.providerId,
          kind: 'member',
          type: o.type,
          name: o.name,
          shortName: o.shortName,
          ags: o.ags,
          ars: o.ars,
        });
        await recordAudit(tx, auth, { orgId: id, entityType: 'organisation', entityId: id, action: 'create', after: { ...row, source: 'gemeindeverzeichnis' } });
        if (populationDate) {
          const entry = await membersRepo.putEntry(tx, scope, membersRepo.historyTable('population'), {
            orgId: id,
            referenceDate: populationDate,
            value: o.population,
            source: 'gemeindeverzeichnis',
          });
          await recordAudit(tx, auth, { orgId: id, entityType: 'member_population', entityId: entry.id, action: 'create', after: entry });
        }
        created.push({ id, parentId: parent, name: o.name, type: o.type, ags: o.ags, ars: o.ars, population: o.population });
      }
      return { populationDate, created, skipped: p.skipped };
    });
  }

  private parentOf(auth: AuthContext, o: PlannedOrg, root: string, ids: Map<string, string>): string {
    switch (o.parent.kind) {
      case 'root':
        return root;
      case 'planned':
        return ids.get(o.parent.ars) ?? root;
      case 'existing':
        // An existing Verband where the caller may not create is no place for new members: use the root.
        return auth.permissions.get(o.parent.id)?.has('organisation.create') ? o.parent.id : root;
    }
  }
}
