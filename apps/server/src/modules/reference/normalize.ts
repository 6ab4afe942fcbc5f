/**
 * Folding of place names for type-ahead search, applied alike to stored names and to queries, so
 * that case and umlauts do not matter: "weissensee", "Weißensee" and "WEISSENSEE" all match.
 */

/** ä → ae, ö → oe, ü → ue, ß → ss; other diacritics dropped; lower case. */
export function foldName(s: string): string {
  return stripMarks(
    s
      .toLowerCase()
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .replace(/ß/g, 'ss'),
  );
}

/** Every diacritic dropped (ä → a, ß → ss): "Sommerda" finds Sömmerda. */
export function foldNameAlt(s: string): string {
  return stripMarks(s.toLowerCase().replace(/ß/g, 'ss'));
}

function stripMarks(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
