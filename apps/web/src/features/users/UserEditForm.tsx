import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../app/api';
import { Alert } from '../../components/Alert';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { useUpdateUser, type UserUpdateBody } from './users.api';

const FIELDS = ['name', 'email', 'password', 'locale'] as const;

/** Edits the account; sends only what changed so an untouched password is never sent. */
export function UserEditForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const update = useUpdateUser(user.id);
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  const [locale, setLocale] = useState<'de' | 'en'>(user.locale);
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState(false);
  const { byField, other } = splitFieldErrors(update.error instanceof ApiProblem ? update.error : null, FIELDS);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const body: UserUpdateBody = {};
    if (name.trim() !== user.name) {
      body.name = name.trim();
    }
    if (email.trim() !== user.email) {
      body.email = email.trim();
    }
    if (locale !== user.locale) {
      body.locale = locale;
    }
    if (password) {
      body.password = password;
    }
    if (Object.keys(body).length === 0) {
      setSaved(true);
      return;
    }
    update.mutate(body, {
      onSuccess: () => {
        setPassword('');
        setSaved(true);
      },
    });
  };

  return (
    <section className="kern-stack-md" aria-labelledby="user-edit">
      <h2 className="kern-heading-medium" id="user-edit">
        {t('user.editTitle')}
      </h2>
      <form className="kern-stack-md form-narrow" onSubmit={submit} noValidate>
        {saved ? <Alert variant="success" title={t('common.saved')} /> : null}
        {update.error ? <ProblemAlert error={update.error} fieldErrors={other} /> : null}
        <TextField
          name="name"
          label={t('user.name')}
          required
          value={name}
          onChange={setName}
          error={byField.name}
          autoComplete="off"
        />
        <TextField
          name="email"
          label={t('user.email')}
          type="email"
          required
          value={email}
          onChange={setEmail}
          error={byField.email}
          autoComplete="off"
        />
        <SelectField
          name="locale"
          label={t('user.locale')}
          required
          value={locale}
          onChange={(v) => setLocale(v === 'en' ? 'en' : 'de')}
          error={byField.locale}
          options={[
            { value: 'de', label: t('languages.de') },
            { value: 'en', label: t('languages.en') },
          ]}
        />
        <TextField
          name="password"
          label={t('user.newPassword')}
          type="password"
          hint={t('user.passwordHint')}
          value={password}
          onChange={setPassword}
          error={byField.password}
          autoComplete="new-password"
        />
        <div>
          <SubmitButton busy={update.isPending}>{t('common.save')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
