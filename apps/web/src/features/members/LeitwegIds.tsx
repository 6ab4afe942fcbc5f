import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { CheckboxField, SubmitButton, TextField } from '../../components/fields';
import { useFocusFirstError } from '../../components/use-focus-error';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { orNull } from './DateField';
import { NS } from './i18n';
import {
  useAddLeitwegId,
  useDeleteLeitwegId,
  useLeitwegIds,
  useMakeDefaultLeitwegId,
  useMemberProfile,
} from './members.api';
import type { LeitwegId } from './types';

function AddForm({ orgId, first }: { orgId: string; first: boolean }) {
  const { t } = useTranslation(NS);
  const add = useAddLeitwegId(orgId);
  const [leitwegId, setLeitwegId] = useState('');
  const [purpose, setPurpose] = useState('');
  const [isDefault, setIsDefault] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const ref = useFocusFirstError<HTMLFormElement>(attempt);
  const problem = add.error instanceof ApiProblem ? add.error : null;
  const { byField, other } = splitFieldErrors(problem, ['leitwegId', 'purpose']);
  // A 409 (already used) belongs to the field too.
  const fieldError = byField.leitwegId ?? (problem?.status === 409 ? (problem.detail ?? problem.title) : undefined);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      { leitwegId: leitwegId.trim(), purpose: orNull(purpose), isDefault: first || isDefault },
      {
        onSuccess: () => (setLeitwegId(''), setPurpose(''), setIsDefault(false)),
        onError: () => setAttempt((a) => a + 1),
      },
    );
  };
  return (
    <form ref={ref} className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="leitweg-add">
      <h3 className="kern-heading-small" id="leitweg-add">
        {t('leitweg.add')}
      </h3>
      {add.error && (!fieldError || other.length > 0) ? <ProblemAlert error={add.error} fieldErrors={other} /> : null}
      <TextField
        name="leitwegId"
        label={t('leitweg.id')}
        hint={t('leitweg.idHint')}
        required
        value={leitwegId}
        error={fieldError}
        onChange={setLeitwegId}
      />
      <TextField name="purpose" label={t('leitweg.purpose')} value={purpose} error={byField.purpose} onChange={setPurpose} />
      {first ? null : (
        <CheckboxField name="isDefault" label={t('leitweg.makeDefault')} checked={isDefault} onChange={setIsDefault} />
      )}
      <div>
        <SubmitButton busy={add.isPending}>{t('leitweg.add')}</SubmitButton>
      </div>
    </form>
  );
}

/** Leitweg-IDs of a member: the e-invoice routing addresses, one of them the default. */
export function LeitwegIds({ orgId }: { orgId: string }) {
  const { t } = useTranslation(NS);
  const query = useLeitwegIds(orgId);
  const profile = useMemberProfile(orgId);
  const canManage = profile.data?.abilities.manageLeitwegIds ?? false;
  const makeDefault = useMakeDefaultLeitwegId(orgId);
  const remove = useDeleteLeitwegId(orgId);
  return (
    <section className="kern-stack-lg" aria-labelledby="leitweg-heading">
      <h2 className="kern-heading-medium" id="leitweg-heading">
        {t('tab.leitweg')}
      </h2>
      <QueryState query={query}>
        {(data) => (
          <div className="kern-stack-lg">
            {data.items.length === 0 ? (
              <p className="kern-body">{t('leitweg.empty')}</p>
            ) : (
              <DataTable<LeitwegId>
                caption={t('tab.leitweg')}
                rows={data.items}
                rowKey={(l) => l.id}
                columns={[
                  { key: 'id', header: t('leitweg.id'), rowHeader: true, render: (l) => l.leitwegId },
                  { key: 'purpose', header: t('leitweg.purpose'), render: (l) => l.purpose ?? '–' },
                  {
                    key: 'default',
                    header: t('leitweg.default'),
                    render: (l) => (l.isDefault ? <Badge variant="success">{t('leitweg.isDefault')}</Badge> : '–'),
                  },
                  ...(canManage
                    ? [
                        {
                          key: 'actions',
                          header: t('actions'),
                          render: (l: LeitwegId) => (
                            <div className="kern-flex kern-flex-wrap kern-gap-sm">
                              {l.isDefault ? null : (
                                <button
                                  type="button"
                                  className="kern-btn kern-btn--secondary"
                                  disabled={makeDefault.isPending}
                                  onClick={() => makeDefault.mutate(l.id)}
                                >
                                  <span className="kern-label">{t('leitweg.setDefault', { id: l.leitwegId })}</span>
                                </button>
                              )}
                              <button
                                type="button"
                                className="kern-btn kern-btn--tertiary"
                                disabled={remove.isPending}
                                onClick={() => remove.mutate(l.id)}
                              >
                                <span className="kern-label">{t('leitweg.remove', { id: l.leitwegId })}</span>
                              </button>
                            </div>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            )}
            <ProblemAlert error={makeDefault.error ?? remove.error} />
            {canManage ? <AddForm orgId={orgId} first={data.items.length === 0} /> : null}
          </div>
        )}
      </QueryState>
    </section>
  );
}
