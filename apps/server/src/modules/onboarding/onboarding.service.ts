import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { HttpError, NotFoundError } from '../../platform/http/errors.js';
import { addDays } from '../agreements/agreement-lifecycle.js';
import { organisationsRepository } from '../organisations/index.js';
import type { OnboardingListQuery, OnboardingResponse, OnboardingSummary, TaskUpdateRequest, TemplateResponse, TemplateUpdateRequest } from './onboarding.dto.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import * as repo from './onboarding.repository.js';
import type { OnboardingRow, TemplateTask } from './onboarding.schema.js';

/** The checklist a provider starts with until it saves its own. */
export const DEFAULT_TEMPLATE: TemplateTask[] = [
  { title: 'Zweckvereinbarung unterzeichnet', dueAfterDays: 0 },
  { title: 'Ansprechpartner und Leitweg-ID erfasst', dueAfterDays: 14 },
  { title: 'Firewall migriert', dueAfterDays: 30 },
  { title: 'Datensicherung eingerichtet', dueAfterDays: 45 },
  { title: 'Benutzer übernommen', dueAfterDays: 60 },
  { title: 'Schulung durchgeführt', dueAfterDays: 90 },
];

const today = () => new Date().toISOString().slice(0, 10);

/** Progress as shown: tasks that are done or do not apply, of all tasks. */
export function progress(statuses: readonly string[]) {
  const done = statuses.filter((s) => s === 'done').length;
  const notApplicable = statuses.filter((s) => s === 'not_applicable').length;
  const total = statuses.length;
  return {
    counts: { total, open: total - done - notApplicable, done, notApplicable },
    progressPercent: total === 0 ? 100 : Math.floor(((done + notApplicable) * 100) / total),
  };
}

export class OnboardingService {
  constructor(private readonly db: Db) {}

  /** The provider whose template the caller means: given, or the one provider it works for. */
  private async providerOf(tx: Tx, auth: AuthContext, given: string | undefined, permission: 'onboarding.read' | 'onboarding.manage') {
    if (given) {
      await access.require(tx, auth, permission, [given]);
      const org = await organisationsRepository.findById(tx, auth, given);
      if (!org || org.kind !== 'provider') {
        throw new NotFoundError();
      }
      return given;
    }
    const candidates: string[] = [];
    for (const id of orgsWith(auth, permission)) {
      const org = await organisationsRepository.findById(tx, auth, id);
      if (org?.kind === 'provider') {
        candidates.push(id);
      }
    }
    if (candidates.length === 0) {
      access.requireAnywhere(auth, permission);
      throw new NotFoundError('You work for no provider whose checklist you could see.');
    }
    if (candidates.length > 1) {
      throw new HttpError(400, 'Bad Request', 'You work for several providers; name one with ?providerId=.');
    }
    return candidates[0]!;
  }

  async getTemplate(auth: AuthContext, providerId?: string): Promise<TemplateResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const id = await this.providerOf(tx, auth, providerId, 'onboarding.read');
      const row = await repo.template(tx, auth, id);
      return {
        providerId: id,
        isDefault: !row,
        tasks: (row?.tasks ?? DEFAULT_TEMPLATE).map((t) => ({ title: t.title, dueAfterDays: t.dueAfterDays ?? null })),
        updatedAt: row?.updatedAt.toISOString() ?? null,
      };
    });
  }

  async putTemplate(auth: AuthContext, input: TemplateUpdateRequest, providerId?: string): Promise<TemplateResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const id = await this.providerOf(tx, auth, providerId, 'onboarding.manage');
      const before = await repo.template(tx, auth, id);
      const tasks = input.tasks.map((t) => ({ title: t.title, dueAfterDays: t.dueAfterDays ?? null }));
      const row = await repo.saveTemplate(tx, auth, id, tasks);
      await recordAudit(tx, auth, { orgId: id, entityType: 'onboarding_template', entityId: row.id, action: before ? 'update' : 'create', before, after: row });
      return { providerId: id, isDefault: false, tasks, updatedAt: row.updatedAt.toISOString() };
    });
  }

  /** Onboardings across every organisation the caller may read them of (the provider's overview). */
  async list(auth: AuthContext, q: OnboardingListQuery) {
    access.requireAnywhere(auth, 'onboarding.read');
    const cursor = decodeCursor(q.cursor);
    if (cursor && typeof cursor[0] !== 'string') {
      throw new HttpError(400, 'Bad Request', 'The cursor is not valid; start again without it.');
    }
    return withTenant(this.db, auth, async (tx) => {
      const running = q.state === 'all' ? undefined : q.state === 'running';
      const rows = await repo.listAll(tx, auth, orgsWith(auth, 'onboarding.read'), { running }, q.limit, cursor?.[0] as string | undefined);
      const p = page(rows, q.limit, (r) => [r.onboarding.id]);
      return {
        ...p,
        items: p.items.map((r): OnboardingSummary => {
          const statuses = [...Array<string>(r.open).fill('open'), ...Array<string>(r.done).fill('done'), ...Array<string>(r.notApplicable).fill('not_applicable')];
          return {
            id: r.onboarding.id,
            orgId: r.onboarding.orgId,
            orgName: r.orgName,
            agreementId: r.onboarding.agreementId,
            startedAt: r.onboarding.startedAt,
            completedAt: r.onboarding.completedAt,
            ...progress(statuses),
            nextDue: r.nextDue,
          };
        }),
      };
    });
  }

  async get(auth: AuthContext, orgId: string): Promise<OnboardingResponse> {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'onboarding.read', [orgId]);
      const row = await repo.current(tx, auth, orgId);
      if (!row) {
        throw new NotFoundError('This organisation has no onboarding.');
      }
      return this.present(tx, auth, row);
    });
  }

  async start(auth: AuthContext, orgId: string, startedAt: string = today()): Promise<OnboardingResponse> {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'onboarding.manage', [orgId]);
      if (await repo.open(tx, auth, orgId)) {
        throw new HttpError(409, 'Conflict', 'An onboarding of this organisation is running already.', { code: 'onboarding_running' });
      }
      const row = await this.create(tx, auth, orgId, null, startedAt);
      return this.present(tx, auth, row);
    });
  }

  /**
   * Called in the transaction that moves an agreement into `onboarding`: links the running
   * onboarding to the agreement, or starts one from the provider's template.
   */
  async startForAgreement(tx: Tx, auth: AuthContext, e: { orgId: string; agreementId: string; date: string }): Promise<void> {
    const running = await repo.open(tx, auth, e.orgId);
    if (running) {
      if (!running.agreementId) {
        await repo.update(tx, auth, running.id, { agreementId: e.agreementId });
      }
      return;
    }
    await this.create(tx, auth, e.orgId, e.agreementId, e.date);
  }

  private async create(tx: Tx, auth: AuthContext, orgId: string, agreementId: string | null, startedAt: string) {
    const org = await organisationsRepository.findById(tx, auth, orgId);
    if (!org) {
      throw new NotFoundError();
    }
    if (org.kind !== 'member') {
      throw new HttpError(422, 'Unprocessable Content', 'Only members are onboarded.', { code: 'onboarding_members_only' });
    }
    // A caller who cannot see the provider's own row (e.g. a token scoped to members) gets the
    // default checklist; provider staff see their template.
    const tpl = (await repo.template(tx, auth, org.providerId))?.tasks ?? DEFAULT_TEMPLATE;
    const row = await repo.insert(
      tx,
      auth,
      { orgId, agreementId, startedAt },
      tpl.map((t, i) => ({ position: i + 1, title: t.title, dueDate: t.dueAfterDays === null ? null : addDays(startedAt, t.dueAfterDays) })),
    );
    await recordAudit(tx, auth, { orgId, entityType: 'onboarding', entityId: row.id, action: 'create', after: { ...row, tasks: tpl } });
    return row;
  }

  async updateTask(auth: AuthContext, orgId: string, taskId: string, input: TaskUpdateRequest): Promise<OnboardingResponse> {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'onboarding.manage', [orgId]);
      const before = await repo.task(tx, auth, orgId, taskId);
      if (!before) {
        throw new NotFoundError();
      }
      if (input.ownerUserId) {
        const allowed = await access.filter(tx, auth, 'user.read', [input.ownerUserId]);
        if (allowed.length === 0) {
          throw new HttpError(422, 'Unprocessable Content', 'The owner must be a user you can see.', { code: 'onboarding_owner_unknown', errors: [{ field: 'body/ownerUserId', message: 'unknown user' }] });
        }
      }
      const values: Parameters<typeof repo.updateTask>[3] = { ...input };
      if (input.status && input.status !== before.status) {
        values.doneAt = input.status === 'done' ? new Date() : null;
      }
      const task = await repo.updateTask(tx, auth, taskId, values);
      await recordAudit(tx, auth, { orgId, entityType: 'onboarding_task', entityId: taskId, action: 'update', before, after: task });
      const onboarding = (await repo.current(tx, auth, orgId))!;
      const all = await repo.tasks(tx, auth, before.onboardingId);
      const open = all.some((t) => t.task.status === 'open');
      const own = onboarding.id === before.onboardingId ? onboarding : undefined;
      if (own && !open && !own.completedAt) {
        await repo.update(tx, auth, own.id, { completedAt: today() });
      } else if (own && open && own.completedAt) {
        await repo.update(tx, auth, own.id, { completedAt: null });
      }
      const fresh = (await repo.current(tx, auth, orgId))!;
      return this.present(tx, auth, fresh);
    });
  }

  private async present(tx: Tx, auth: AuthContext, o: OnboardingRow): Promise<OnboardingResponse> {
    const rows = await repo.tasks(tx, auth, o.id);
    const now = today();
    return {
      id: o.id,
      orgId: o.orgId,
      agreementId: o.agreementId,
      startedAt: o.startedAt,
      completedAt: o.completedAt,
      ...progress(rows.map((r) => r.task.status)),
      tasks: rows.map(({ task: t, ownerName }) => ({
        id: t.id,
        position: t.position,
        title: t.title,
        ownerUserId: t.ownerUserId,
        ownerName,
        dueDate: t.dueDate,
        status: t.status,
        doneAt: t.doneAt?.toISOString() ?? null,
        notes: t.notes,
        overdue: t.status === 'open' && t.dueDate !== null && t.dueDate < now,
      })),
      abilities: { manage: auth.permissions.get(o.orgId)?.has('onboarding.manage') ?? false },
    };
  }
}
