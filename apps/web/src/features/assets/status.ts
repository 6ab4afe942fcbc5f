import type { AssetStatus } from './assets.api';

export const STATUSES: AssetStatus[] = ['ordered', 'in_stock', 'deployed', 'in_repair', 'retired', 'disposed'];

export function statusVariant(s: AssetStatus): 'info' | 'success' | 'warning' | 'danger' {
  return s === 'deployed' ? 'success' : s === 'in_repair' ? 'warning' : s === 'retired' || s === 'disposed' ? 'danger' : 'info';
}
