/** An RFC 9457 problem as the server sends it, or one we make for network failures. */
export interface FieldError {
  field: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldError[] = [],
    /** Seconds from a 429's Retry-After header. */
    readonly retryAfter?: number,
    /** The server's stable code for this problem (e.g. `agreement_transition`), for a text in the UI's language. */
    readonly code?: string,
    /** The problem's other extension members (e.g. `currentStatus`, `maxBytes`), for that text. */
    readonly params: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'ApiProblem';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Turns whatever came back (problem+json, plain text, nothing) into an ApiProblem. */
export function toProblem(status: number, body: unknown, retryAfterHeader?: string | null): ApiProblem {
  const retry = retryAfterHeader ? Number.parseInt(retryAfterHeader, 10) : Number.NaN;
  const retryAfter = Number.isFinite(retry) ? retry : undefined;
  if (isRecord(body)) {
    const errors = Array.isArray(body.errors)
      ? body.errors.filter(isRecord).map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? '') }))
      : [];
    const { type: _t, title: _ti, status: _s, detail: _d, errors: _e, code, ...params } = body;
    return new ApiProblem(
      typeof body.status === 'number' ? body.status : status,
      typeof body.title === 'string' ? body.title : `HTTP ${status}`,
      typeof body.detail === 'string' ? body.detail : undefined,
      errors,
      retryAfter,
      typeof code === 'string' ? code : undefined,
      params,
    );
  }
  return new ApiProblem(status, `HTTP ${status}`, typeof body === 'string' && body ? body : undefined, [], retryAfter);
}

/**
 * The server names a field by its JSON pointer with the request part first (`body/name`,
 * `body/roles/0/role`). Forms key their inputs by the top-level field, so strip the part and keep
 * the first segment.
 */
export function fieldKey(field: string): string {
  const parts = field.split('/').filter(Boolean);
  if (parts.length > 1 && ['body', 'querystring', 'params'].includes(parts[0]!)) {
    parts.shift();
  }
  return parts[0] ?? '';
}

/**
 * Splits a problem's field errors into those a form shows beside its fields and the rest, which
 * the form shows in its summary alert so no message is lost.
 */
export function splitFieldErrors(
  problem: ApiProblem | null | undefined,
  knownFields: readonly string[],
): { byField: Record<string, string>; other: FieldError[] } {
  const byField: Record<string, string> = {};
  const other: FieldError[] = [];
  for (const e of problem?.errors ?? []) {
    const key = fieldKey(e.field);
    if (knownFields.includes(key)) {
      byField[key] = byField[key] ? `${byField[key]}; ${e.message}` : e.message;
    } else {
      other.push(e);
    }
  }
  return { byField, other };
}
