import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serializerCompiler } from './serializer.js';

const compile = (schema: z.ZodType) => serializerCompiler({ schema, method: 'GET', url: '/x', httpStatus: '200' });

const Item = z.object({
  id: z.uuid(),
  kind: z.enum(['provider', 'member']),
  name: z.string(),
  parentId: z.uuid().nullable(),
  count: z.number().int(),
  abilities: z.object({ update: z.boolean() }),
});
const item = { id: '01900000-0000-7000-8000-000000000001', kind: 'member', name: 'Gemeinde "A"\n', parentId: null, count: 3, abilities: { update: true } };

describe('response serializer', () => {
  it('writes what Zod would, and only the declared properties', () => {
    const out = compile(z.object({ items: z.array(Item), total: z.number().int().optional() }))({
      items: [{ ...item, passwordHash: 'secret', abilities: { update: true, internal: 1 } }],
    });
    expect(JSON.parse(out)).toEqual({ items: [item] });
    expect(out).not.toContain('secret');
  });

  it('keeps Zod for schemas whose encode changes values (defaults, codecs)', () => {
    const cents = z.codec(z.string().regex(/^\d+\.\d\d$/), z.int(), {
      decode: (s) => Math.round(Number(s) * 100),
      encode: (n) => (n / 100).toFixed(2),
    });
    expect(compile(z.object({ amount: cents }))({ amount: 1250 })).toBe('{"amount":"12.50"}');
  });

  it('refuses, under test, a response that does not match its schema', () => {
    expect(() => compile(Item)({ ...item, kind: 'other' })).toThrow();
    expect(() => compile(Item)({ ...item, id: undefined })).toThrow();
  });
});
