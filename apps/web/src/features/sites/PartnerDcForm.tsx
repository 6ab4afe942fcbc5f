import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { NS } from './i18n';
import { partnerDcRequest, type PartnerDcValues } from './placement-form';
import { useCreateSite, useLinkDcPartner, usePartners, useSites } from './sites.api';

const EMPTY: PartnerDcValues = { partnerProviderId: '', name: '', city: '', dataCentreId: '', purpose: '' };

/**
 * A partner data centre (e.g. KIDS records Greiz and Meiningen): a site in the provider's own
 * tenant carrying the partner provider's id, optionally linked at once to one of the provider's
 * data centres with the purpose of the partnership (replica, backup copy).
 */
export function PartnerDcForm({ providerId }: { providerId: string }) {
  const { t } = useTranslation(NS);
  const partners = usePartners(true);
  const dcs = useSites({ kind: 'data_centre' });
  const createSite = useCreateSite();
  const link = useLinkDcPartner();
  const [v, setV] = useState<PartnerDcValues>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof PartnerDcValues, string>>>({});
  const [saved, setSaved] = useState(false);
  const set = (k: keyof PartnerDcValues) => (value: string) => setV((s) => ({ ...s, [k]: value }));
  const err = (k: keyof PartnerDcValues) => (errors[k] ? t(errors[k]) : undefined);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = partnerDcRequest(v);
    setErrors(r.errors);
    if (!r.site) {
      return;
    }
    const linkTo = r.link;
    createSite.mutate(
      { orgId: providerId, ...r.site },
      {
        onSuccess: (site) => {
          if (!linkTo) {
            setSaved(true);
            setV(EMPTY);
            return;
          }
          link.mutate(
            { dataCentreId: linkTo.dataCentreId, body: { partnerSiteId: site.id, purpose: linkTo.purpose } },
            {
              onSuccess: () => {
                setSaved(true);
                setV(EMPTY);
              },
            },
          );
        },
      },
    );
  };

  const partnerItems = partners.data?.items ?? [];
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="partner-dc-h">
      <h2 className="kern-heading-medium" id="partner-dc-h">
        {t('partnerDc.title')}
      </h2>
      <p className="kern-body">{t('partnerDc.intro')}</p>
      {createSite.error ? <ProblemAlert error={createSite.error} /> : null}
      {link.error ? <ProblemAlert error={link.error} /> : null}
      {saved ? <Alert variant="success" title={t('partnerDc.created')} /> : null}
      {partners.data && partnerItems.length === 0 ? <Alert variant="info" title={t('partnerDc.noPartners')} /> : null}
      <SelectField
        name="partnerProviderId"
        label={t('partnerDc.partner')}
        required
        value={v.partnerProviderId}
        onChange={set('partnerProviderId')}
        error={err('partnerProviderId')}
        options={[
          { value: '', label: t('form.choose') },
          ...partnerItems.map((p) => ({ value: p.partnerProviderId, label: p.partnerName })),
        ]}
      />
      <TextField
        name="name"
        label={t('partnerDc.name')}
        required
        value={v.name}
        onChange={set('name')}
        error={err('name')}
      />
      <TextField name="city" label={t('new.city')} value={v.city} onChange={set('city')} />
      <SelectField
        name="dataCentreId"
        label={t('partnerDc.linkTo')}
        value={v.dataCentreId}
        onChange={set('dataCentreId')}
        options={[
          { value: '', label: t('partnerDc.noLink') },
          ...(dcs.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
        ]}
      />
      {v.dataCentreId ? (
        <TextField
          name="purpose"
          label={t('partnerDc.purpose')}
          hint={t('partnerDc.purposeHint')}
          required
          value={v.purpose}
          onChange={set('purpose')}
          error={err('purpose')}
        />
      ) : null}
      <SubmitButton busy={createSite.isPending || link.isPending}>{t('partnerDc.create')}</SubmitButton>
    </form>
  );
}
