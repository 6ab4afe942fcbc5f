import { getRouteApi, Link, useRouter } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Page } from '../../components/Page';
import { SubmitButton, TextField } from '../../components/fields';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { safeRedirect } from '../../lib/redirect';

const route = getRouteApi('/public/login');

export function LoginPage() {
  const { t } = useTranslation();
  const { login, me } = useAuth();
  const router = useRouter();
  const { redirect } = route.useSearch();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
      // Replace, so that Back does not lead to the login form again.
      router.history.replace(safeRedirect(redirect));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const problem = error instanceof ApiProblem ? error : null;
  const { byField, other } = splitFieldErrors(problem, ['email', 'password']);
  return (
    <Page title={t('login.title')}>
      {me && !busy ? (
        <Alert variant="info" title={t('login.already', { name: me.user.name })}>
          <p className="kern-body">
            <Link to="/" className="kern-link">
              {t('notFound.home')}
            </Link>
          </p>
        </Alert>
      ) : null}
      <p className="kern-body">{t('login.intro')}</p>
      {problem?.status === 401 ? (
        <ProblemAlert error={new ApiProblem(401, 'Unauthorized', t('login.wrong'))} />
      ) : (
        <ProblemAlert error={error} fieldErrors={other} />
      )}
      <form className="kern-stack-md form-narrow" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          name="email"
          label={t('login.email')}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
          error={byField.email}
        />
        <TextField
          name="password"
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          error={byField.password}
        />
        <div>
          <SubmitButton busy={busy}>{t('login.submit')}</SubmitButton>
        </div>
      </form>
    </Page>
  );
}
