import { describe, expect, it } from 'vitest';
import { inlineParams } from './inline.js';

describe('inlineParams', () => {
  it('puts each value in as a quoted literal, $10 apart from $1', () => {
    const values = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(inlineParams('select $1, $10, $2::uuid[] limit $3', values)).toBe("select 'v1', 'v10', 'v2'::uuid[] limit 'v3'");
  });

  it('escapes quotes and backslashes, so values stay data', () => {
    expect(inlineParams('insert into t values ($1, $2)', ["x'); drop table t; --", 'C:\\temp'])).toBe("insert into t values ('x''); drop table t; --',  E'C:\\\\temp')");
  });

  it('converts values as node-postgres does for parameters', () => {
    const at = new Date(Date.UTC(2026, 10, 23, 16, 0, 0, 123));
    const text = inlineParams('select $1, $2, $3, $4, $5, $6', [null, undefined, 42, true, ['a', 'b"c', null], { k: "it's" }]);
    expect(text).toBe(`select null, null, '42', 'true',  E'{"a","b\\\\"c",NULL}', '{"k":"it''s"}'`);
    expect(inlineParams('select $1::timestamptz', [at])).toMatch(/^select '2026-11-2\d[T ]\d\d:\d\d:00\.123[+-]\d\d:\d\d'::timestamptz$/);
  });

  it('leaves $n alone inside literals, quoted names, dollar quotes, comments and identifiers', () => {
    const text = `select '$1', E'\\'$1', "a$1""$1", $$ $1 $$, $q$ $1 $q$, a$1 -- $1
      /* $1 /* $1 */ $1 */ from t where x = $1`;
    expect(inlineParams(text, ['v'])).toBe(text.replace(/= \$1$/, "= 'v'"));
  });

  it('refuses what the simple protocol cannot carry: NUL characters, binary data, missing values', () => {
    expect(inlineParams('select $1', ['a\0b'])).toBeUndefined();
    expect(inlineParams('select $1', [Buffer.from('ab')])).toBeUndefined();
    expect(inlineParams('select $1, $2', ['a'])).toBeUndefined();
    expect(inlineParams('select 1', [])).toBe('select 1');
  });
});
