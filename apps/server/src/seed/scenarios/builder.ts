import type { OrganisationType, Role } from '@verbund/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/db/columns.js';
import { agreements, columnsOf, documents, effectiveEndDate } from '../../modules/agreements/index.js';
import { simplePdf, type FileStore } from '../../platform/files/index.js';
import { memberPopulation } from '../../modules/members/index.js';
import { DEFAULT_TEMPLATE, onboardings, onboardingTasks, onboardingTemplates } from '../../modules/onboarding/index.js';
import { organisations } from '../../modules/organisations/index.js';
import { partnerLinks } from '../../modules/partners/index.js';
import { roleGrants, users } from '../../modules/users/index.js';
import { addDays } from '../../modules/agreements/index.js';
import type { Dir, Gemeinde, Kreis, Verband } from './directory.js';
import { gemeindeOrg, verbandOrg } from './directory.js';

export interface ScenarioLogin {
  email: string;
  role: Role;
  where: string;
}

type OrgInsert = typeof organisations.$inferInsert;

export interface Signer {
  name: string;
  function: string;
}

/** A step date per lifecycle status; the status is the last one given. */
export interface AgreementPlan {
  orgId: string;
  kind: 'zweckvereinbarung' | 'oer_vertrag' | 'genossenschaft' | 'dienstleistungsvertrag';
  title: string;
  reference?: string;
  intent: string;
  signed?: string;
  onboarding?: string;
  active?: string;
  notice?: string;
  ended?: string;
  memberSigner?: Signer;
  providerSigner?: Signer;
  allocationKey?: 'population' | 'workstations' | 'usage' | 'flat';
  noticeMonths?: number;
  noticeToYearEnd?: boolean;
  minimumTermYears?: number;
  /** eG shares: number and nominal value per share in cents; paid in full unless given. */
  shares?: { count: number; nominalValueCents: number; paidCents?: number };
  vat?: { publicTask: boolean; costReimbursementOnly: boolean; servesPublicBodies: boolean };
  notes?: string;
}

/**
 * Writes a scenario on the admin path (CLI seed): organisations with their population, users and
 * grants, agreements in consistent lifecycle states, onboardings, partner links. Batched: rows are
 * collected and written by `flush`.
 */
export class ScenarioBuilder {
  private orgs: OrgInsert[] = [];
  private population: (typeof memberPopulation.$inferInsert)[] = [];
  private agreementRows: (typeof agreements.$inferInsert)[] = [];
  private signedCopies: { agreementId: string; orgId: string; lines: string[] }[] = [];
  private readonly names = new Map<string, string>();
  /** Keys of files written by this builder, to remove when the scenario's transaction fails. */
  readonly storedKeys: string[] = [];
  readonly logins: ScenarioLogin[] = [];
  readonly byAgs = new Map<string, string>();
  readonly byArs = new Map<string, string>();

  constructor(
    private readonly tx: Tx,
    private readonly dir: Dir,
    private readonly passwordHash: string,
    /** With a store, every signed agreement gets its signed copy as a (generated) PDF. */
    private readonly files?: FileStore,
  ) {}

  /** An existing provider with this name (a partner seeded before), or a new one. */
  async provider(o: Omit<OrgInsert, 'id' | 'kind' | 'providerId' | 'parentId'>): Promise<string> {
    const found = await this.tx.execute<{ id: string }>(sql`select id from organisations where kind = 'provider' and name = ${o.name} limit 1`);
    if (found.rows[0]) {
      return found.rows[0].id;
    }
    const id = uuidv7();
    await this.tx.insert(organisations).values({ ...o, id, kind: 'provider', providerId: id, parentId: null });
    return id;
  }

  async hasMembers(providerId: string): Promise<boolean> {
    const r = await this.tx.execute<{ n: number }>(sql`select count(*)::int as n from organisations where provider_id = ${providerId} and kind = 'member'`);
    return (r.rows[0]?.n ?? 0) > 0;
  }

  private member(providerId: string, parentId: string, o: Omit<OrgInsert, 'id' | 'kind' | 'providerId' | 'parentId'>, population?: number): string {
    const id = uuidv7();
    this.orgs.push({ ...o, id, kind: 'member', providerId, parentId });
    this.names.set(id, o.name);
    if (population !== undefined) {
      this.population.push({ orgId: id, referenceDate: this.dir.populationDate, value: population, source: 'gemeindeverzeichnis' });
    }
    if (o.ags) {
      this.byAgs.set(o.ags, id);
    }
    if (o.ars) {
      this.byArs.set(o.ars, id);
    }
    return id;
  }

  gemeinde(providerId: string, parentId: string, g: Gemeinde): string {
    const o = gemeindeOrg(g);
    return this.member(providerId, parentId, { ...o, ags: g.ags, ars: g.ars, postalCode: g.plz, city: o.shortName }, g.einwohner);
  }

  verband(providerId: string, parentId: string, v: Verband): string {
    const o = verbandOrg(v);
    if (!o) {
      throw new Error(`${v.name} is no Gemeindeverband`);
    }
    return this.member(providerId, parentId, { ...o, ars: `${v.verbandArs}000`, city: v.sitz ?? null }, v.einwohner);
  }

  landkreis(providerId: string, parentId: string, k: Kreis): string {
    return this.member(
      providerId,
      parentId,
      { type: 'landkreis' as OrganisationType, name: `Landkreis ${k.name}`, shortName: `LK ${k.name}`, ars: `${k.kreisAgs}0000000`, city: k.sitz ?? null },
      k.einwohner,
    );
  }

  other(providerId: string, parentId: string, o: Omit<OrgInsert, 'id' | 'kind' | 'providerId' | 'parentId'>): string {
    return this.member(providerId, parentId, o);
  }

  async user(orgId: string, email: string, name: string, role: Role, where: string, deep: boolean): Promise<void> {
    // Users come after the organisations they belong to.
    await this.flushOrgs();
    const id = uuidv7();
    await this.tx.insert(users).values({ id, orgId, email, name, passwordHash: this.passwordHash });
    await this.tx.insert(roleGrants).values({ userId: id, orgId, role, includeDescendants: deep });
    this.logins.push({ email, role, where });
  }

  agreement(p: AgreementPlan, providerId: string): string {
    const id = uuidv7();
    const status = p.ended ? 'ended' : p.notice ? 'notice_given' : p.active ? 'active' : p.onboarding ? 'onboarding' : p.signed ? 'signed' : 'intent';
    const noticeMonths = p.noticeMonths ?? 12;
    const noticeToYearEnd = p.noticeToYearEnd ?? true;
    const termStart = p.active ?? p.onboarding ?? p.signed ?? null;
    const shares = p.shares ? { count: p.shares.count, nominalValueCents: p.shares.nominalValueCents, paidCents: p.shares.paidCents ?? p.shares.count * p.shares.nominalValueCents } : undefined;
    const cols = columnsOf({
      kind: p.kind,
      title: p.title,
      reference: p.reference ?? null,
      termStart,
      termEnd: null,
      minimumTermYears: p.minimumTermYears ?? null,
      noticeMonths,
      noticeToYearEnd,
      allocationKey: p.allocationKey ?? null,
      vat: p.vat ?? { publicTask: true, costReimbursementOnly: true, servesPublicBodies: true },
      shares: shares ?? null,
      notes: p.notes ?? null,
    });
    const signatories = p.signed
      ? [
          ...(p.memberSigner ? [{ ...p.memberSigner, party: 'member' as const, date: p.signed }] : []),
          ...(p.providerSigner ? [{ ...p.providerSigner, party: 'provider' as const, date: p.signed }] : []),
        ]
      : [];
    this.agreementRows.push({
      ...cols,
      id,
      orgId: p.orgId,
      providerId,
      kind: p.kind,
      status,
      title: p.title,
      intentDeclaredAt: p.intent,
      signedAt: p.signed ?? null,
      signatories,
      onboardingStartedAt: p.onboarding ?? null,
      activeSince: p.active ?? null,
      noticeGivenAt: p.notice ?? null,
      effectiveEnd: p.notice ? effectiveEndDate(p.notice, { months: noticeMonths, toYearEnd: noticeToYearEnd }, { termStart, minimumTermYears: p.minimumTermYears ?? null }) : null,
      endedAt: p.ended ?? null,
    });
    if (p.signed && this.files) {
      this.signedCopies.push({
        agreementId: id,
        orgId: p.orgId,
        lines: [
          p.title,
          this.names.get(p.orgId) ?? '',
          p.reference ? `Aktenzeichen ${p.reference}` : '',
          ...signatories.map((x) => `Unterzeichnet am ${x.date.split('-').reverse().join('.')}: ${x.name}, ${x.function}`),
          '(Demo-Dokument, erzeugt von Verbund)',
        ].filter(Boolean),
      });
    }
    return id;
  }

  /** An onboarding from the provider's template with the first `done` tasks done. */
  async onboarding(orgId: string, agreementId: string | null, startedAt: string, done: number, ownerId?: string): Promise<void> {
    await this.flush();
    const id = uuidv7();
    const total = DEFAULT_TEMPLATE.length;
    await this.tx.insert(onboardings).values({ id, orgId, agreementId, startedAt, completedAt: done >= total ? addDays(startedAt, 120) : null });
    await this.tx.insert(onboardingTasks).values(
      DEFAULT_TEMPLATE.map((t, i) => ({
        orgId,
        onboardingId: id,
        position: i + 1,
        title: t.title,
        dueDate: t.dueAfterDays === null ? null : addDays(startedAt, t.dueAfterDays),
        status: i < done ? ('done' as const) : ('open' as const),
        doneAt: i < done ? new Date(`${addDays(startedAt, t.dueAfterDays ?? 0)}T10:00:00Z`) : null,
        ownerUserId: i === done ? (ownerId ?? null) : null,
      })),
    );
  }

  async template(providerId: string): Promise<void> {
    await this.tx.insert(onboardingTemplates).values({ orgId: providerId, tasks: DEFAULT_TEMPLATE }).onConflictDoNothing();
  }

  /** Both halves of a partnership (see partners.schema.ts); nothing when it exists already. */
  async partner(a: string, b: string, description: string): Promise<void> {
    const pairId = uuidv7();
    await this.tx
      .insert(partnerLinks)
      .values([
        { orgId: a, partnerId: b, pairId, description },
        { orgId: b, partnerId: a, pairId, description },
      ])
      .onConflictDoNothing();
  }

  async userId(email: string): Promise<string> {
    const r = await this.tx.execute<{ id: string }>(sql`select id from users where lower(email) = lower(${email})`);
    return r.rows[0]!.id;
  }

  private async flushOrgs(): Promise<void> {
    for (let i = 0; i < this.orgs.length; i += 500) {
      await this.tx.insert(organisations).values(this.orgs.slice(i, i + 500));
    }
    this.orgs = [];
    if (this.population.length) {
      await this.tx.insert(memberPopulation).values(this.population);
      this.population = [];
    }
  }

  async flush(): Promise<void> {
    await this.flushOrgs();
    for (let i = 0; i < this.agreementRows.length; i += 500) {
      await this.tx.insert(agreements).values(this.agreementRows.slice(i, i + 500));
    }
    this.agreementRows = [];
    await this.flushSignedCopies();
  }

  /** Stores each signed copy, records it as a document of the agreement and links it as the signed copy. */
  private async flushSignedCopies(): Promise<void> {
    if (!this.files || this.signedCopies.length === 0) {
      return;
    }
    const rows: (typeof documents.$inferInsert)[] = [];
    for (const c of this.signedCopies) {
      const stored = await this.files.put(simplePdf(c.lines), { contentType: 'application/pdf' });
      this.storedKeys.push(stored.key);
      rows.push({
        orgId: c.orgId,
        agreementId: c.agreementId,
        title: `Unterzeichnete Fassung: ${c.lines[0]}`,
        filename: 'unterzeichnet.pdf',
        contentType: 'application/pdf',
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        storageKey: stored.key,
      });
    }
    this.signedCopies = [];
    const inserted = await this.tx.insert(documents).values(rows).returning({ id: documents.id, agreementId: documents.agreementId });
    for (const d of inserted) {
      await this.tx.update(agreements).set({ signedDocumentId: d.id }).where(sql`${agreements.id} = ${d.agreementId}`);
    }
  }
}
