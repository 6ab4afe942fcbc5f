import { ApiProblem, type FieldError } from '../../lib/problem';

/** Field messages of a failed request: `of(name)` for the one beside a field, `placed` for the rest. */
export function fieldErrorsOf(error: unknown, fields: readonly string[] = ['orgId', 'title', 'description', 'serviceId', 'categoryId', 'body']) {
  const all: FieldError[] = error instanceof ApiProblem ? error.errors : [];
  const name = (f: string) => f.replace(/^body\//, '');
  return {
    of: (field: string) => all.find((e) => name(e.field) === field)?.message,
    placed: all.filter((e) => !fields.includes(name(e.field))),
  };
}
