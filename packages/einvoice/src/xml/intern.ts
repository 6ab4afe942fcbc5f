/**
 * V8's canonical copy of a string, the one string literals in the code are. Two canonical strings
 * compare by pointer; a canonical and a non-canonical one (a slice of a document, a piece of
 * `split`) compare character by character — in `===` and in every Map/Set lookup that hits. So
 * element names, namespace URIs and the keys of the rule tables are all made canonical once.
 * Property keys are canonicalised by the engine, which is what this relies on.
 */
export function intern(s: string): string {
  return Object.keys({ [s]: 0 })[0]!;
}
