import type { Role } from '@verbund/shared';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { CheckboxField, SelectField, SubmitButton, TextField } from '../../components/fields';
import { orgsWithPermission } from '../../lib/memberships';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { rolesGrantableOn } from '../../lib/roles';
import { useFocusFirstError } from '../../components/use-focus-error';
import { useCreateUser } from './users.api';

const route = getRouteApi('/app/users/new');
const FIELDS = ['orgId', 'email', 'name', 'password', 'locale', 'roles'] as const;

export function UserCreatePage() {
  const { t } = useTranslation();
  const { me, activeOrg } = useAuth();
  const search = route.useSearch();
  const navigate = useNavigate();
  const create = useCreateUser();
  const homes = orgsWithPermission(me?.memberships ?? [], 'user.manage');
  const preferred = [search.orgId, activeOrg?.orgId].find((id) => homes.some((h) => h.membership.orgId === id));
  const [orgId, setOrgId] = useState(preferred ?? homes[0]?.membership.orgId ?? '');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [locale, setLocale] = useState<'de' | 'en'>('de');
  const [role, setRole] = useState<Role | ''>('member_user');
  const [deep, setDeep] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useFocusFirstError<HTMLFormElement>(create.error ?? attempt);

  if (homes.length === 0) {
    return (
      <Page title={t('user.createTitle')}>
        <Alert variant="warning" title={t('user.notAllowed')} />
      </Page>
    );
  }
  const roles = rolesGrantableOn(me?.memberships.find((m) => m.orgId === orgId));
  const roleValue = role && roles.includes(role) ? role : '';
  const { byField, other } = splitFieldErrors(create.error instanceof ApiProblem ? create.error : null, FIELDS);
  const errors = { ...byField, ...local };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!name.trim()) {
      missing.name = t('form.required');
    }
    if (!email.trim()) {
      missing.email = t('form.required');
    }
    setLocal(missing);
    if (Object.keys(missing).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    create.mutate(
      {
        orgId,
        name: name.trim(),
        email: email.trim(),
        password: password || undefined,
        locale,
        roles: roleValue ? [{ orgId, role: roleValue, includeDescendants: deep }] : [],
      },
      { onSuccess: (u) => void navigate({ to: '/users/$id', params: { id: u.id } }) },
    );
  };

  return (
    <Page title={t('user.createTitle')}>
      <form ref={formRef} className="kern-stack-lg form-narrow" onSubmit={submit} noValidate>
        {create.error ? <ProblemAlert error={create.error} fieldErrors={other} /> : null}
        <SelectField
          name="orgId"
          label={t('user.homeOrg')}
          required
          value={orgId}
          onChange={setOrgId}
          error={errors.orgId}
          options={homes.map(({ membership, depth }) => ({
            value: membership.orgId,
            label: `${'\u00a0\u00a0'.repeat(depth)}${membership.orgName}`,
          }))}
        />
        <TextField
          name="name"
          label={t('user.name')}
          required
          autoComplete="off"
          value={name}
          onChange={setName}
          error={errors.name}
        />
        <TextField
          name="email"
          label={t('user.email')}
          type="email"
          required
          autoComplete="off"
          value={email}
          onChange={setEmail}
          error={errors.email}
        />
        <TextField
          name="password"
          label={t('user.password')}
          type="password"
          autoComplete="new-password"
          hint={t('user.passwordHint')}
          value={password}
          onChange={setPassword}
          error={errors.password}
        />
        <SelectField
          name="locale"
          label={t('user.locale')}
          required
          value={locale}
          onChange={(v) => setLocale(v === 'en' ? 'en' : 'de')}
          options={[
            { value: 'de', label: t('languages.de') },
            { value: 'en', label: t('languages.en') },
          ]}
        />
        <SelectField
          name="role"
          label={t('user.role')}
          value={roleValue}
          onChange={(v) => setRole(v as Role | '')}
          error={errors.roles}
          options={[{ value: '', label: t('user.noRole') }, ...roles.map((r) => ({ value: r, label: t(`role.${r}`) }))]}
        />
        <CheckboxField
          name="includeDescendants"
          label={t('user.includeDescendants')}
          checked={deep}
          onChange={setDeep}
        />
        <div className="kern-flex kern-flex-wrap kern-gap-md">
          <SubmitButton busy={create.isPending}>{t('user.createSubmit')}</SubmitButton>
          <Link to="/users" search={{ q: undefined, orgId: undefined }} className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('common.cancel')}</span>
          </Link>
        </div>
      </form>
    </Page>
  );
}
