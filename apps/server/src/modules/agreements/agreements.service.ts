import type { Permission } from '@verbund/shared';
import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { HttpError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { organisationsRepository } from '../organisations/index.js';
import { allowedNext, transition } from './agreement-lifecycle.js';
import type {
  AgreementCreateRequest,
  AgreementListQuery,
  AgreementResponse,
  AgreementTransitionRequest,
  AgreementUpdateRequest,
} from './agreements.dto.js';
import * as repo from './agreements.repository.js';
import type { AgreementRow } from './agreements.schema.js';
import * as documentsRepo from './documents.repository.js';
import { isLongTermPublicLaw, vatTreatment } from './vat-2b.js';

/** Called in the transaction that moves an agreement into `onboarding` (wired to the onboarding module). */
export type OnboardingStarter = (tx: Tx, auth: AuthContext, e: { orgId: string; agreementId: string; date: string }) => Promise<void>;

function has(auth: AuthContext, orgId: string, p: Permission): boolean {
  return auth.permissions.get(orgId)?.has(p) ?? false;
}

export function present(auth: AuthContext, a: repo.AgreementWithOrg): AgreementResponse {
  const shares =
    a.kind === 'genossenschaft' && a.shareCount !== null
      ? {
          count: a.shareCount,
          nominalValueCents: a.shareNominalCents ?? 0,
          paidCents: a.sharePaidCents ?? 0,
          totalNominalCents: a.shareCount * (a.shareNominalCents ?? 0),
        }
      : null;
  return {
    id: a.id,
    orgId: a.orgId,
    orgName: a.orgName,
    providerId: a.providerId,
    kind: a.kind,
    status: a.status,
    title: a.title,
    reference: a.reference,
    intentDeclaredAt: a.intentDeclaredAt,
    signedAt: a.signedAt,
    signatories: a.signatories,
    signedDocumentId: a.signedDocumentId,
    onboardingStartedAt: a.onboardingStartedAt,
    activeSince: a.activeSince,
    noticeGivenAt: a.noticeGivenAt,
    effectiveEnd: a.effectiveEnd,
    endedAt: a.endedAt,
    termStart: a.termStart,
    termEnd: a.termEnd,
    minimumTermYears: a.minimumTermYears,
    noticeMonths: a.noticeMonths,
    noticeToYearEnd: a.noticeToYearEnd,
    allocationKey: a.allocationKey,
    vat: {
      longTermPublicLaw: a.vatLongTerm,
      publicTask: a.vatPublicTask,
      costReimbursementOnly: a.vatCostOnly,
      servesPublicBodies: a.vatPublicBodies,
      treatment: a.vatTreatment,
      treatmentChosen: a.vatTreatmentChosen,
      exemptReason: a.vatExemptReason,
    },
    shares,
    notes: a.notes,
    allowedTransitions: [...allowedNext(a.status)],
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    abilities: {
      update: a.status !== 'ended' && has(auth, a.orgId, 'agreement.manage'),
      transition: allowedNext(a.status).length > 0 && has(auth, a.orgId, 'agreement.manage'),
      uploadDocument: has(auth, a.orgId, 'document.upload'),
    },
  };
}

type Fields = Partial<AgreementCreateRequest> & Pick<AgreementRow, 'kind'>;

/**
 * Column values of the editable fields, with the VAT treatment recomputed from the checklist and
 * the term (condition (a) is derived, never asserted). `current` is the stored row on an update.
 */
export function columnsOf(input: Fields, current?: AgreementRow): Partial<typeof import('./agreements.schema.js').agreements.$inferInsert> {
  const out: Record<string, unknown> = {};
  for (const k of ['title', 'reference', 'termStart', 'termEnd', 'minimumTermYears', 'noticeMonths', 'noticeToYearEnd', 'allocationKey', 'notes'] as const) {
    if (input[k] !== undefined) {
      out[k] = input[k];
    }
  }
  if (input.shares !== undefined) {
    if (input.shares !== null && input.kind !== 'genossenschaft') {
      throw new HttpError(422, 'Unprocessable Content', 'Only an eG membership has shares.', { code: 'agreement_shares_only_eg', errors: [{ field: 'body/shares', message: 'only for kind genossenschaft' }] });
    }
    out.shareCount = input.shares?.count ?? null;
    out.shareNominalCents = input.shares?.nominalValueCents ?? null;
    out.sharePaidCents = input.shares?.paidCents ?? null;
    if (input.shares && input.shares.paidCents > input.shares.count * input.shares.nominalValueCents) {
      throw new HttpError(422, 'Unprocessable Content', 'More paid than the shares are worth.', { code: 'agreement_shares_overpaid', errors: [{ field: 'body/shares/paidCents', message: 'at most count × nominal value' }] });
    }
  }
  const term = {
    kind: input.kind,
    termStart: input.termStart !== undefined ? input.termStart : (current?.termStart ?? null),
    termEnd: input.termEnd !== undefined ? input.termEnd : (current?.termEnd ?? null),
    minimumTermYears: input.minimumTermYears !== undefined ? input.minimumTermYears : (current?.minimumTermYears ?? null),
  };
  if (term.termStart && term.termEnd && term.termEnd < term.termStart) {
    throw new HttpError(422, 'Unprocessable Content', 'The term ends before it starts.', { code: 'agreement_term_order', errors: [{ field: 'body/termEnd', message: 'on or after termStart' }] });
  }
  const checklist = {
    longTermPublicLaw: isLongTermPublicLaw(term),
    publicTask: input.vat?.publicTask ?? current?.vatPublicTask ?? false,
    costReimbursementOnly: input.vat?.costReimbursementOnly ?? current?.vatCostOnly ?? false,
    servesPublicBodies: input.vat?.servesPublicBodies ?? current?.vatPublicBodies ?? false,
  };
  // A chosen treatment (exempt, 19 % by option, or 2b asserted) stays chosen across edits that do
  // not touch VAT and is checked again; a derived one follows the checklist.
  const chosen = input.vat ? input.vat.treatment !== undefined : (current?.vatTreatmentChosen ?? false);
  const requested = input.vat ? input.vat.treatment : chosen ? current?.vatTreatment : undefined;
  const reason = input.vat?.exemptReason !== undefined ? input.vat.exemptReason : current?.vatExemptReason;
  const vat = vatTreatment(checklist, requested, reason);
  if (!vat.ok) {
    throw new UnprocessableError(vat.message, [{ field: vat.field, message: vat.message }]);
  }
  Object.assign(out, {
    vatLongTerm: checklist.longTermPublicLaw,
    vatPublicTask: checklist.publicTask,
    vatCostOnly: checklist.costReimbursementOnly,
    vatPublicBodies: checklist.servesPublicBodies,
    vatTreatment: vat.treatment,
    vatTreatmentChosen: chosen,
    vatExemptReason: vat.exemptReason,
  });
  return out;
}

export class AgreementsService {
  constructor(
    private readonly db: Db,
    private readonly onOnboarding?: OnboardingStarter,
  ) {}

  async listOfOrg(auth: AuthContext, orgId: string, q: AgreementListQuery) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'agreement.read', [orgId]);
      // The switch accepts agreement ids for agreement.* too; the URL must name an organisation.
      if (!(await organisationsRepository.findById(tx, auth, orgId))) {
        throw new NotFoundError();
      }
      return this.page(tx, auth, [orgId], q);
    });
  }

  /** Across every organisation the caller may read agreements of. */
  async list(auth: AuthContext, q: AgreementListQuery) {
    access.requireAnywhere(auth, 'agreement.read');
    return withTenant(this.db, auth, (tx) => this.page(tx, auth, orgsWith(auth, 'agreement.read'), q));
  }

  private async page(tx: Tx, auth: AuthContext, orgIds: string[], q: AgreementListQuery) {
    const cursor = decodeCursor(q.cursor);
    const after = cursor?.[0];
    if (cursor && typeof after !== 'string') {
      throw new HttpError(400, 'Bad Request', 'The cursor is not valid; start again without it.');
    }
    const f = { orgIds, status: q.status, kind: q.kind, q: q.q };
    const rows = await repo.list(tx, auth, f, q.limit, after as string | undefined);
    const p = page(rows, q.limit, (r) => [r.id]);
    return { ...p, items: p.items.map((r) => present(auth, r)), total: await repo.count(tx, auth, f) };
  }

  /** Organisations of `orgIds` with an agreement of this status/kind (for the organisations list filter). */
  async orgIdsMatching(tx: Tx, auth: AuthContext, f: { status?: string; kind?: string }): Promise<string[]> {
    return repo.orgIdsMatching(tx, auth, { orgIds: orgsWith(auth, 'agreement.read'), ...f });
  }

  async get(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'agreement.read', [id]);
      return present(auth, await this.load(tx, auth, id));
    });
  }

  private async load(tx: Tx, auth: AuthContext, id: string) {
    const row = await repo.findById(tx, auth, id);
    if (!row) {
      throw new NotFoundError();
    }
    return row;
  }

  async create(auth: AuthContext, orgId: string, input: AgreementCreateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'agreement.manage', [orgId]);
      const org = await organisationsRepository.findById(tx, auth, orgId);
      if (!org) {
        throw new NotFoundError();
      }
      if (org.kind !== 'member') {
        throw new HttpError(422, 'Unprocessable Content', 'Agreements are made with members, not with the provider itself.', { code: 'agreement_members_only' });
      }
      const row = await repo.insert(tx, auth, {
        ...columnsOf(input),
        title: input.title,
        orgId,
        providerId: org.providerId,
        kind: input.kind,
        status: 'intent',
        intentDeclaredAt: input.intentDeclaredAt,
      });
      await recordAudit(tx, auth, { orgId, entityType: 'agreement', entityId: row.id, action: 'create', after: row });
      return present(auth, { ...row, orgName: org.name });
    });
  }

  async update(auth: AuthContext, id: string, input: AgreementUpdateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'agreement.manage', [id]);
      await repo.lockById(tx, auth, id);
      const before = await this.load(tx, auth, id);
      if (before.status === 'ended') {
        throw new HttpError(409, 'Conflict', 'An ended agreement is kept as it was; it cannot be changed.', { code: 'agreement_ended' });
      }
      const row = await repo.update(tx, auth, id, columnsOf({ ...input, kind: before.kind }, before));
      if (!row) {
        throw new NotFoundError();
      }
      await recordAudit(tx, auth, { orgId: row.orgId, entityType: 'agreement', entityId: id, action: 'update', before, after: row });
      return present(auth, { ...row, orgName: before.orgName });
    });
  }

  async transition(auth: AuthContext, id: string, input: AgreementTransitionRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'agreement.manage', [id]);
      await repo.lockById(tx, auth, id);
      const before = await this.load(tx, auth, id);
      const result = transition(before, input);
      if (!result.ok) {
        if (result.kind === 'not_allowed') {
          throw new HttpError(409, 'Conflict', `An agreement in status ${before.status} cannot move to ${input.to}.`, {
            code: 'agreement_transition',
            to: input.to,
            currentStatus: before.status,
            allowed: [...result.allowed],
          });
        }
        throw new HttpError(422, 'Unprocessable Content', 'The step is not possible with these values.', { code: 'agreement_step_values', errors: result.errors });
      }
      if (result.changes.signedDocumentId) {
        const doc = await documentsRepo.findById(tx, auth, result.changes.signedDocumentId);
        if (!doc || doc.orgId !== before.orgId || doc.contentType !== 'application/pdf') {
          throw new HttpError(422, 'Unprocessable Content', 'The signed copy must be a PDF document of the same organisation.', {
            code: 'agreement_signed_copy',
            errors: [{ field: 'body/signedDocumentId', message: 'a PDF uploaded to this organisation' }],
          });
        }
      }
      const row = await repo.update(tx, auth, id, result.changes);
      if (!row) {
        throw new NotFoundError();
      }
      if (row.status === 'onboarding' && this.onOnboarding) {
        await this.onOnboarding(tx, auth, { orgId: row.orgId, agreementId: row.id, date: input.date });
      }
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'agreement',
        entityId: id,
        action: `transition:${before.status}->${row.status}`,
        before,
        after: row,
      });
      return present(auth, { ...row, orgName: before.orgName });
    });
  }
}
