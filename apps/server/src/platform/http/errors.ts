/** A failure with an HTTP meaning. The error handler turns it into RFC 9457 problem+json. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

/** Missing and not allowed look the same (DESIGN.md § 4). */
export class NotFoundError extends HttpError {
  constructor(detail = 'The resource does not exist or you have no access to it.') {
    super(404, 'Not Found', detail);
  }
}

/** The caller can see the resource but may not do this with it. */
export class ForbiddenError extends HttpError {
  constructor(detail = 'You are not allowed to do this.') {
    super(403, 'Forbidden', detail);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(detail = 'Please log in.') {
    super(401, 'Unauthorized', detail);
  }
}

export class ConflictError extends HttpError {
  constructor(detail: string) {
    super(409, 'Conflict', detail);
  }
}

/** Well-formed input that breaks a business rule. */
export class UnprocessableError extends HttpError {
  constructor(detail: string, errors: FieldError[] = []) {
    super(422, 'Unprocessable Content', detail, errors.length ? { errors } : {});
  }
}

export class TooManyRequestsError extends HttpError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'Too Many Requests', detail);
  }
}

export interface FieldError {
  /** JSON pointer-ish path of the field, e.g. `body/name`. */
  field: string;
  message: string;
}
