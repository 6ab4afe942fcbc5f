import { describe, expect, it } from 'vitest';
import { assetLabel, assetOptions, type PickableAsset } from './asset-picker';

const a = (id: string, extra: Partial<PickableAsset> = {}): PickableAsset => ({ id, inventoryNumber: `INV-${id}`, name: `Gerät ${id}`, status: 'deployed', usingMemberName: null, ...extra });

describe('asset picker', () => {
  it('labels an asset by inventory number, name and member', () => {
    expect(assetLabel(a('1', { usingMemberName: 'Gemeinde A' }))).toBe('INV-1 – Gerät 1 (Gemeinde A)');
    expect(assetLabel(a('2', { name: null }))).toBe('INV-2');
    expect(assetLabel(a('3', { name: '  ' }))).toBe('INV-3');
  });

  it('offers "no asset" first, leaves out disposed assets and keeps the chosen one', () => {
    const opts = assetOptions([a('1'), a('2', { status: 'disposed' })], null, 'kein Gerät');
    expect(opts).toEqual([
      { value: '', label: 'kein Gerät' },
      { value: '1', label: 'INV-1 – Gerät 1' },
    ]);
    const kept = assetOptions([a('1')], { value: '9', label: 'INV-9' }, 'kein Gerät');
    expect(kept.map((o) => o.value)).toEqual(['', '9', '1']);
    expect(assetOptions([a('1')], { value: '1', label: 'INV-1 – Gerät 1' }, '-').map((o) => o.value)).toEqual(['', '1']);
  });
});
