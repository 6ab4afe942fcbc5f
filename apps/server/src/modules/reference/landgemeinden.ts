/**
 * Landgemeinden (Thüringen, § 6 Abs. 3 ThürKO: a Gemeinde formed from several with Ortschaften of
 * their own). The Destatis GV100AD has no flag for them (see reference-data/gemeindeverzeichnis/
 * README.md), so they are listed here by AGS, each with its source:
 *
 * - 16068063 Buttstädt, Stadt: "Landgemeinde Stadt Buttstädt", formed 1 January 2019
 *   (Thüringer Gesetz zur freiwilligen Neugliederung kreisangehöriger Gemeinden im Jahr 2019).
 *
 * Add an AGS only with such a source; a Gemeinde missing here is shown as Gemeinde or Stadt and
 * its type can be changed by hand.
 */
export const LANDGEMEINDEN: ReadonlySet<string> = new Set(['16068063']);

export function isLandgemeinde(ags: string | null | undefined): boolean {
  return ags !== null && ags !== undefined && LANDGEMEINDEN.has(ags);
}
