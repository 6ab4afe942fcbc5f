import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { useFocusFirstError } from '../../components/use-focus-error';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { orNull } from './DateField';
import { NS } from './i18n';
import { useContacts, useDeleteContact, useInviteContact, useMemberProfile, useSaveContact } from './members.api';
import { CONTACT_ROLES, type Contact, type ContactRole } from './types';

const FIELDS = ['role', 'name', 'email', 'phone', 'notes'] as const;

function ContactForm({ orgId, contact, onDone }: { orgId: string; contact: Contact | null; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const save = useSaveContact(orgId);
  const [v, setV] = useState({
    role: contact?.role ?? ('it_ansprechpartner' as ContactRole),
    name: contact?.name ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    notes: contact?.notes ?? '',
  });
  const [attempt, setAttempt] = useState(0);
  const ref = useFocusFirstError<HTMLFormElement>(attempt);
  const problem = save.error instanceof ApiProblem ? save.error : null;
  const { byField, other } = splitFieldErrors(problem, FIELDS);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        cid: contact?.id ?? null,
        body: { role: v.role, name: v.name.trim(), email: orNull(v.email), phone: orNull(v.phone), notes: orNull(v.notes) },
      },
      { onSuccess: onDone, onError: () => setAttempt((a) => a + 1) },
    );
  };
  const title = contact ? t('contacts.editTitle', { name: contact.name }) : t('contacts.add');
  return (
    <form ref={ref} className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="contact-form">
      <h3 className="kern-heading-small" id="contact-form">
        {title}
      </h3>
      {save.error ? <ProblemAlert error={save.error} fieldErrors={other} /> : null}
      <SelectField
        name="role"
        label={t('contacts.role')}
        required
        value={v.role}
        error={byField.role}
        onChange={(role) => setV((s) => ({ ...s, role: role as ContactRole }))}
        options={CONTACT_ROLES.map((r) => ({ value: r, label: t(`contactRole.${r}`) }))}
      />
      <TextField name="name" label={t('contacts.name')} required value={v.name} error={byField.name} onChange={(name) => setV((s) => ({ ...s, name }))} />
      <TextField name="email" type="email" label={t('contacts.email')} value={v.email} error={byField.email} onChange={(email) => setV((s) => ({ ...s, email }))} />
      <TextField name="phone" type="tel" label={t('contacts.phone')} value={v.phone} error={byField.phone} onChange={(phone) => setV((s) => ({ ...s, phone }))} />
      <TextField name="notes" label={t('contacts.notes')} value={v.notes} error={byField.notes} onChange={(notes) => setV((s) => ({ ...s, notes }))} />
      <div className="kern-flex kern-gap-sm">
        <SubmitButton busy={save.isPending}>{t('save')}</SubmitButton>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onDone}>
          <span className="kern-label">{t('cancel')}</span>
        </button>
      </div>
    </form>
  );
}

/** Ansprechpartner of a member; a contact with an e-mail address can be invited as a user. */
export function Contacts({ orgId }: { orgId: string }) {
  const { t } = useTranslation(NS);
  const query = useContacts(orgId);
  const profile = useMemberProfile(orgId);
  const canManage = profile.data?.abilities.manageContacts ?? false;
  const remove = useDeleteContact(orgId);
  const invite = useInviteContact(orgId);
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [toDelete, setToDelete] = useState<Contact | null>(null);
  return (
    <section className="kern-stack-lg" aria-labelledby="contacts-heading">
      <div className="kern-flex kern-flex-wrap kern-justify-content-between kern-align-items-center kern-gap-md">
        <h2 className="kern-heading-medium" id="contacts-heading">
          {t('tab.contacts')}
        </h2>
        {canManage && editing === null ? (
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setEditing('new')}>
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('contacts.add')}</span>
          </button>
        ) : null}
      </div>
      {editing ? (
        <ContactForm orgId={orgId} contact={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : null}
      {invite.isSuccess ? (
        <Alert variant="success" title={t('contacts.invited', { email: invite.data.user.email })} />
      ) : null}
      <ProblemAlert error={invite.error ?? remove.error} />
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('contacts.empty')}</p>
          ) : (
            <DataTable<Contact>
              caption={t('tab.contacts')}
              rows={data.items}
              rowKey={(c) => c.id}
              columns={[
                { key: 'name', header: t('contacts.name'), rowHeader: true, render: (c) => c.name },
                { key: 'role', header: t('contacts.role'), render: (c) => t(`contactRole.${c.role}`) },
                {
                  key: 'email',
                  header: t('contacts.email'),
                  render: (c) =>
                    c.email ? (
                      <a className="kern-link" href={`mailto:${c.email}`}>
                        {c.email}
                      </a>
                    ) : (
                      '–'
                    ),
                },
                { key: 'phone', header: t('contacts.phone'), render: (c) => c.phone ?? '–' },
                { key: 'user', header: t('contacts.user'), render: (c) => (c.userId ? t('contacts.isUser') : '–') },
                ...(canManage
                  ? [
                      {
                        key: 'actions',
                        header: t('actions'),
                        render: (c: Contact) => (
                          <div className="kern-flex kern-flex-wrap kern-gap-sm">
                            <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setEditing(c)}>
                              <span className="kern-label">{t('contacts.editOne', { name: c.name })}</span>
                            </button>
                            {c.email && !c.userId ? (
                              <button
                                type="button"
                                className="kern-btn kern-btn--secondary"
                                disabled={invite.isPending}
                                onClick={() => invite.mutate(c.id)}
                              >
                                <span className="kern-label">{t('contacts.invite', { name: c.name })}</span>
                              </button>
                            ) : null}
                            <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setToDelete(c)}>
                              <span className="kern-label">{t('contacts.removeOne', { name: c.name })}</span>
                            </button>
                          </div>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )
        }
      </QueryState>
      <ConfirmDialog
        open={toDelete !== null}
        title={t('contacts.removeTitle', { name: toDelete?.name ?? '' })}
        message={t('contacts.removeText')}
        confirmLabel={t('contacts.remove')}
        busy={remove.isPending}
        onCancel={() => setToDelete(null)}
        onConfirm={() => toDelete && remove.mutate(toDelete.id, { onSettled: () => setToDelete(null) })}
      />
    </section>
  );
}
