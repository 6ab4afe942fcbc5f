import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../lib/problem';
import { Alert } from './Alert';

/** Shows a failed request in words: a known status gets our text, the server's detail follows. */
/**
 * `fieldErrors`: the field messages a form could not place beside a field; without it every field
 * message of the problem is listed.
 */
export function ProblemAlert({ error, fieldErrors: placed }: { error: unknown; fieldErrors?: FieldError[] }) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  const problem = error instanceof ApiProblem ? error : null;
  const status = problem?.status ?? -1;
  const known = [0, 400, 401, 403, 404, 409, 422, 429, 500];
  const title = t(`problem.${known.includes(status) ? status : 'other'}`, { seconds: problem?.retryAfter ?? 60 });
  const detail = problem?.detail ?? (error instanceof Error ? error.message : undefined);
  const fieldErrors = placed ?? problem?.errors ?? [];
  return (
    <Alert variant="danger" title={title}>
      {detail ? <p className="kern-body">{detail}</p> : null}
      {fieldErrors.length > 0 ? (
        <ul className="kern-list">
          {fieldErrors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              {e.field ? `${e.field}: ` : ''}
              {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
