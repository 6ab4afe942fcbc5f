import type { AssetStatus } from './assets.schema.js';

/**
 * The asset lifecycle. Ordered goods arrive in stock or go straight to their place; deployed,
 * stocked and repaired items move between those three; retired items are either taken back into
 * stock or disposed of; disposal is final (the book value is written off on that day).
 */
export const NEXT: Record<AssetStatus, readonly AssetStatus[]> = {
  ordered: ['in_stock', 'deployed'],
  in_stock: ['deployed', 'in_repair', 'retired'],
  deployed: ['in_stock', 'in_repair', 'retired'],
  in_repair: ['in_stock', 'deployed', 'retired'],
  retired: ['in_stock', 'disposed'],
  disposed: [],
};

export function allowedNext(status: AssetStatus): readonly AssetStatus[] {
  return NEXT[status];
}

export function canMove(from: AssetStatus, to: AssetStatus): boolean {
  return NEXT[from].includes(to);
}
