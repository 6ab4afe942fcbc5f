import { z } from 'zod';
import { HttpError } from './errors.js';

/** `?limit=&cursor=` for every list. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const pageResponse = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
    nextCursor: z.string().nullable(),
    total: z.number().int().optional(),
  });

/** Cursors are opaque to clients: base64url JSON of the last row's sort key and id. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Throws 400 for a cursor that was not made by encodeCursor. */
export function decodeCursor(cursor: string | undefined): unknown[] | undefined {
  if (!cursor) {
    return undefined;
  }
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v)) {
      return v;
    }
  } catch {
    // fall through to the 400 below
  }
  throw new HttpError(400, 'Bad Request', 'The cursor is not valid; start again without it.');
}

/** Splits the extra row fetched to know whether a next page exists. */
export function page<T>(rows: T[], limit: number, keyOf: (last: T) => unknown[]) {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor(keyOf(last)) : null };
}
