import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { Loader } from '../../components/Loader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';

/** Ends the session on arrival; the page stays so the user sees that it worked. */
export function LogoutPage() {
  const { t } = useTranslation();
  const { logout } = useAuth();
  const [state, setState] = useState<'busy' | 'done' | { error: unknown }>('busy');
  // StrictMode runs effects twice in development; one logout request is enough.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) {
      return;
    }
    started.current = true;
    logout().then(
      () => setState('done'),
      (error: unknown) => setState({ error }),
    );
  }, [logout]);
  return (
    <Page title={t('logout.title')}>
      {state === 'busy' ? <Loader label={t('logout.busy')} /> : null}
      {state === 'done' ? <Alert variant="success" title={t('logout.done')} /> : null}
      {typeof state === 'object' ? <ProblemAlert error={state.error} /> : null}
      <p className="kern-body">
        <Link to="/login" search={{ redirect: undefined }} className="kern-link">
          {t('logout.again')}
        </Link>
      </p>
    </Page>
  );
}
