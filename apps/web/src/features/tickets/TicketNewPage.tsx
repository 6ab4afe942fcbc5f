import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState, type ComponentType, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { fieldErrorsOf } from './field-errors';
import { NS } from './i18n';
import { minutesText } from './ticket-ui';
import { TicketsNav } from './TicketsNav';
import { useCategories, useCreateTicket, useMemberServices, useSlaProfiles } from './tickets.api';

/**
 * Slot for the knowledge base's suggestions while a member writes (features/knowledge may provide
 * `KnowledgeSuggestions.tsx` exporting `KnowledgeSuggestions({ text })`). The glob is empty when the
 * file does not exist, so the form works without the knowledge feature.
 */
const suggestionModules = import.meta.glob<{ KnowledgeSuggestions?: ComponentType<{ text: string }> }>('../knowledge/KnowledgeSuggestions.tsx', { eager: true });
const KnowledgeSuggestions = Object.values(suggestionModules)[0]?.KnowledgeSuggestions;

type Level = 'low' | 'medium' | 'high';

export function TicketNewPage() {
  const { t } = useTranslation(NS);
  const { me, activeOrg } = useAuth();
  const navigate = useNavigate();
  const members = useMemo(
    () => (me?.memberships ?? []).filter((m) => m.orgKind === 'member' && m.permissions.includes('ticket.create')).sort((a, b) => a.orgName.localeCompare(b.orgName, 'de')),
    [me],
  );
  const [orgId, setOrgId] = useState(activeOrg?.orgKind === 'member' ? activeOrg.orgId : (members[0]?.orgId ?? ''));
  const [type, setType] = useState<'incident' | 'request' | 'security_incident'>('incident');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [serviceId, setServiceId] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [impact, setImpact] = useState<Level>('medium');
  const [urgency, setUrgency] = useState<Level>('medium');
  const services = useMemberServices(orgId || undefined);
  const categories = useCategories();
  const profiles = useSlaProfiles();
  const create = useCreateTicket();
  const errors = fieldErrorsOf(create.error);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await create.mutateAsync({
      orgId,
      type,
      title,
      description,
      impact,
      urgency,
      serviceId: serviceId || null,
      categoryId: categoryId || null,
    });
    void navigate({ to: '/tickets/$id', params: { id: created.id } });
  };
  const levels = (['low', 'medium', 'high'] as const).map((l) => ({ value: l, label: t(`level.${l}`) }));
  const profile = profiles.data?.items.find((p) => p.isDefault) ?? profiles.data?.items[0];

  return (
    <Page title={t('form.title')}>
      <TicketsNav current="new" />
      <p className="kern-body">{t('form.intro')}</p>
      <div className="kern-row">
        <form className="kern-col-12 kern-col-lg-8 kern-stack-md" onSubmit={(e) => void onSubmit(e).catch(() => undefined)} noValidate>
          {create.error ? <ProblemAlert error={create.error} fieldErrors={errors.placed} /> : null}
          {members.length > 1 ? (
            <SelectField label={t('form.member')} name="orgId" required value={orgId} onChange={setOrgId} options={members.map((m) => ({ value: m.orgId, label: m.orgName }))} error={errors.of('orgId')} />
          ) : null}
          <SelectField
            label={t('form.type')}
            name="type"
            required
            value={type}
            onChange={(v) => setType(v as typeof type)}
            options={(['incident', 'request', 'security_incident'] as const).map((v) => ({ value: v, label: t(`type.${v}`) }))}
          />
          <TextField label={t('form.subject')} name="title" required value={title} onChange={setTitle} error={errors.of('title')} />
          <div className={`kern-form-input${errors.of('description') ? ' kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor="ticket-description">
              {t('form.description')}
            </label>
            <div className="kern-hint" id="ticket-description-hint">
              {t('form.descriptionHint')}
            </div>
            <textarea
              id="ticket-description"
              name="description"
              className="kern-form-input__input"
              rows={8}
              value={description}
              aria-describedby="ticket-description-hint"
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>
          {KnowledgeSuggestions ? <KnowledgeSuggestions text={`${title}\n${description}`} /> : null}
          {services.data && services.data.length > 0 ? (
            <SelectField
              label={t('form.service')}
              name="serviceId"
              value={serviceId}
              onChange={setServiceId}
              options={[{ value: '', label: t('form.serviceNone') }, ...services.data.map((s) => ({ value: s.id, label: s.name }))]}
            />
          ) : null}
          {categories.data && categories.data.items.length > 0 ? (
            <SelectField
              label={t('form.category')}
              name="categoryId"
              value={categoryId}
              onChange={setCategoryId}
              options={[{ value: '', label: t('form.categoryNone') }, ...categories.data.items.map((c) => ({ value: c.id, label: c.path }))]}
            />
          ) : null}
          <div className="kern-row">
            <div className="kern-col-12 kern-col-md-6">
              <SelectField label={t('form.impact')} hint={t('form.impactHint')} name="impact" required value={impact} onChange={(v) => setImpact(v as Level)} options={levels} />
            </div>
            <div className="kern-col-12 kern-col-md-6">
              <SelectField label={t('form.urgency')} hint={t('form.urgencyHint')} name="urgency" required value={urgency} onChange={(v) => setUrgency(v as Level)} options={levels} />
            </div>
          </div>
          <div>
            <SubmitButton busy={create.isPending}>{t('form.submit')}</SubmitButton>
          </div>
        </form>
        {profile ? (
          <aside className="kern-col-12 kern-col-lg-4 kern-stack-sm" aria-labelledby="sla-targets">
            <h2 className="kern-heading-small" id="sla-targets">
              {t('form.targets')}
            </h2>
            <p className="kern-body kern-body--small">{t('form.targetsIntro')}</p>
            <p className="kern-body kern-body--small">{profile.name}</p>
            <dl className="kern-description-list">
              {(['P1', 'P2', 'P3', 'P4'] as const).map((p) => (
                <div key={p} className="kern-description-list-item">
                  <dt className="kern-description-list-item__key">{p}</dt>
                  <dd className="kern-description-list-item__value">
                    {t('form.response')} {minutesText(profile.targets[p].responseMinutes, t)} · {t('form.resolution')} {minutesText(profile.targets[p].resolutionMinutes, t)}
                  </dd>
                </div>
              ))}
            </dl>
          </aside>
        ) : null}
      </div>
    </Page>
  );
}
