/**
 * V8's canonical copy of a string, the one string literals in the code are. Two canonical strings
 * compare by pointer; a canonical and a non-canonical one (a slice of a document, a piece of
 * `split`) compare character by character — in `===` and in every Map/Set lookup that hits. So
 * element names, namespace URIs and the keys of the rule tables are all made canonical once.
 *
 * Property keys are canonicalised by the engine, which is what this relies on. The holder object
 * has a null prototype, which V8 keeps as a hash table: a key added and deleted there leaves no
 * trace (an object literal `{ [s]: 0 }` would add a hidden-class transition per distinct name,
 * which made module load measurably slower with the thousands of rule-table keys).
 */
const HOLDER = Object.create(null) as Record<string, number>;

/** Strings made canonical before (most table keys repeat); bounded against hostile input. */
const SEEN = new Map<string, string>();
const SEEN_MAX = 20_000;

export function intern(s: string): string {
  let k = SEEN.get(s);
  if (k === undefined) {
    HOLDER[s] = 0;
    k = Object.keys(HOLDER)[0]!;
    delete HOLDER[s];
    if (SEEN.size < SEEN_MAX) {
      SEEN.set(k, k);
    }
  }
  return k;
}
