import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import i18n from '../app/i18n';
import de from '../i18n/problems.de.json';
import en from '../i18n/problems.en.json';
import { ApiProblem, type FieldError } from '../lib/problem';
import { Alert } from './Alert';

/** Texts for the server's problem codes, in their own namespace (the server's detail is English). */
const PROBLEMS = 'problems';
if (!i18n.hasResourceBundle('de', PROBLEMS)) {
  i18n.addResourceBundle('de', PROBLEMS, de);
  i18n.addResourceBundle('en', PROBLEMS, en);
}

/** Arrays become lists, everything else text, for interpolation. */
function textParams(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
}

/**
 * What went wrong, in the UI's language: the text for the problem's code when there is one, else
 * the server's detail, else the error's message.
 */
export function problemMessage(error: unknown, t: TFunction): string | undefined {
  const problem = error instanceof ApiProblem ? error : null;
  if (problem?.code && i18n.exists(`${PROBLEMS}:${problem.code}`)) {
    const params = textParams(problem.params);
    if (typeof problem.params.maxBytes === 'number') {
      params.mb = String(Math.round((problem.params.maxBytes / (1024 * 1024)) * 10) / 10);
    }
    return t(`${PROBLEMS}:${problem.code}`, params);
  }
  return problem?.detail ?? (error instanceof Error ? error.message : undefined);
}

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
  const detail = problemMessage(error, t);
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
