/** An asset as the expense form's picker needs it (a row of `GET /api/v1/assets`). */
export interface PickableAsset {
  id: string;
  inventoryNumber: string;
  name: string | null;
  status: string;
  usingMemberName: string | null;
}

export interface PickerOption {
  value: string;
  label: string;
}

/** "INV-2025-0001 – Server Rechenzentrum (Gemeinde A)": what a person recognises the device by. */
export function assetLabel(a: PickableAsset): string {
  const name = a.name?.trim();
  return `${a.inventoryNumber}${name ? ` – ${name}` : ''}${a.usingMemberName ? ` (${a.usingMemberName})` : ''}`;
}

/**
 * Options of the picker: "no asset" first, then the matches that can still be paid for (not
 * disposed), and the chosen asset kept on top even when a new search no longer finds it.
 */
export function assetOptions(matches: readonly PickableAsset[], chosen: PickerOption | null, noneLabel: string): PickerOption[] {
  const found = matches.filter((a) => a.status !== 'disposed').map((a) => ({ value: a.id, label: assetLabel(a) }));
  const keep = chosen && !found.some((o) => o.value === chosen.value) ? [chosen] : [];
  return [{ value: '', label: noneLabel }, ...keep, ...found];
}
