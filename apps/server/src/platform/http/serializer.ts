import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import fastJson from 'fast-json-stringify';
import { createSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

const zodSerializer = createSerializerCompiler({});

/** Under test every response also goes through Zod, and both must give the same JSON. */
const CHECK = process.env.NODE_ENV === 'test' || process.env.VITEST !== undefined;

/** Drops `additionalProperties: false`, which only the output schema of a plain z.object has. */
function withoutClosedObjects(v: unknown): unknown {
  if (Array.isArray(v)) {
    return v.map(withoutClosedObjects);
  }
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k, x]) => !(k === 'additionalProperties' && x === false))
        .map(([k, x]) => [k, withoutClosedObjects(x)]),
    );
  }
  return v;
}

/**
 * The JSON schema of a response schema, when Zod's encode would not change a value: its input and
 * output schemas are the same (no codec, transform or default) apart from closing plain objects,
 * which Zod does by stripping unknown keys and fast-json-stringify by writing only declared ones.
 * Otherwise undefined.
 */
function plainJsonSchema(schema: z.ZodType): object | undefined {
  try {
    const output = z.toJSONSchema(schema, { io: 'output', target: 'draft-07', unrepresentable: 'throw' });
    const input = z.toJSONSchema(schema, { io: 'input', target: 'draft-07', unrepresentable: 'throw' });
    return isDeepStrictEqual(withoutClosedObjects(input), withoutClosedObjects(output)) ? output : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Response serializer: fast-json-stringify compiled from the Zod schema's JSON schema where that
 * describes the response exactly, Zod's encode + JSON.stringify (fastify-type-provider-zod) for the
 * rest. Zod's encode re-validated every item of every response and copied it before stringifying:
 * 15 % of the CPU of a 50-organisation page. fast-json-stringify writes only the properties the
 * schema declares (nothing internal leaks, as with Zod's stripping) and fails on a missing
 * required one, but does not check formats or enums; that check, and the equality of both outputs,
 * runs under test (CHECK), where a service returning a wrong shape fails the suite.
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = (route) => {
  const viaZod = zodSerializer(route);
  const json = plainJsonSchema(route.schema);
  if (!json) {
    return viaZod;
  }
  const fast = fastJson(json);
  if (!CHECK) {
    return fast;
  }
  return (data) => {
    const checked = viaZod(data);
    const out = fast(data);
    if (!isDeepStrictEqual(JSON.parse(out), JSON.parse(checked))) {
      throw new Error(`${route.method} ${route.url}: fast-json-stringify and Zod serialize this response differently`);
    }
    return out;
  };
};
