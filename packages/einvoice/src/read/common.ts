/**
 * Helpers shared by the readers.
 */

/**
 * Drop undefined keys so round trips compare equal and JSON stays small. Copies instead of
 * deleting: `delete` would push every model object into V8's slow dictionary mode.
 */
export function clean<T extends object>(o: T): T {
  const out = {} as T;
  for (const k in o) {
    if (o[k] !== undefined) {
      out[k] = o[k];
    }
  }
  return out;
}

/** UBL carries BT-21 inside the note text as "#CODE#text" (XRechnung convention). */
export function noteOf(raw: string): { subjectCode?: string; text: string } {
  const m = /^#([A-Za-z]{3})#([\s\S]*)$/.exec(raw);
  return m ? { subjectCode: m[1]!, text: m[2]! } : { text: raw };
}
