/**
 * Helpers shared by the readers.
 */

import type { Origins } from './origins.js';

/**
 * The model as callers get it: a copy without undefined keys (so round trips compare equal and
 * JSON stays small), made once at the end. The readers build every object with all its keys
 * (absent terms undefined) and the rules run on those: objects of one shape per construction
 * site, where dropping keys up front gave ~100 shapes of Invoice and ~70 of lines and parties,
 * so every property read of a rule was a megamorphic lookup. Copies instead of deleting: `delete`
 * would push every model object into V8's slow dictionary mode. With `origins`, each copy gets
 * the element of its original in `into`.
 */
export function publicModel<T>(value: T, origins?: Origins, into?: Origins): T {
  if (Array.isArray(value)) {
    return value.map((v: unknown) => publicModel(v, origins, into)) as T;
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const k in value) {
    const v = value[k];
    if (v !== undefined) {
      out[k] = publicModel(v, origins, into);
    }
  }
  const el = origins?.get(value);
  if (el) {
    into!.set(out, el);
  }
  return out as T;
}

/** UBL carries BT-21 inside the note text as "#CODE#text" (XRechnung convention). */
export function noteOf(raw: string): { subjectCode?: string; text: string } {
  const m = /^#([A-Za-z]{3})#([\s\S]*)$/.exec(raw);
  return { subjectCode: m ? m[1]! : undefined, text: m ? m[2]! : raw };
}
