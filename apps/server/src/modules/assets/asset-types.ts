import { z } from 'zod';
import { ASSET_TYPES, type AssetType } from './assets.schema.js';

/**
 * The per-type attributes of an asset. One declaration per type drives three things: the zod union
 * that validates `attributes` on every write, the field list the web form renders
 * (`GET /api/v1/asset-types`) and the import's column mapping.
 */
export type FieldKind = 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'enum';

export interface AttributeField {
  key: string;
  kind: FieldKind;
  /** For `enum`. */
  options?: readonly string[];
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
}

const text = (key: string): AttributeField => ({ key, kind: 'text' });
const int = (key: string, min = 0, max = 1_000_000_000): AttributeField => ({ key, kind: 'integer', min, max });
const dec = (key: string, min = 0, max = 1_000_000): AttributeField => ({ key, kind: 'decimal', min, max });
const bool = (key: string): AttributeField => ({ key, kind: 'boolean' });
const day = (key: string): AttributeField => ({ key, kind: 'date' });
const oneOf = (key: string, options: readonly string[]): AttributeField => ({ key, kind: 'enum', options });

const computer = [text('hostname'), text('os'), text('cpu'), int('ramGb', 0, 65536), int('storageGb', 0, 10_000_000)];

export const ATTRIBUTE_FIELDS: Record<AssetType, readonly AttributeField[]> = {
  workstation: [...computer, text('macAddress')],
  laptop: [...computer, dec('screenInches', 7, 21), text('macAddress')],
  monitor: [dec('sizeInches', 10, 100), text('resolution'), text('connectedTo')],
  printer: [
    oneOf('kind', ['printer', 'mfp']),
    bool('color'),
    bool('duplex'),
    int('pageCount'),
    day('pageCountReadAt'),
    text('ipAddress'),
  ],
  server: [
    text('hostname'),
    text('os'),
    int('cpuCores', 1, 4096),
    int('ramGb', 0, 1_048_576),
    int('storageGb', 0, 100_000_000),
    oneOf('formFactor', ['rack', 'tower', 'blade']),
    int('rackUnits', 1, 60),
    text('ipAddress'),
  ],
  virtual_machine: [
    text('hostname'),
    text('os'),
    int('vcpus', 1, 1024),
    int('ramGb', 0, 65536),
    int('diskGb', 0, 10_000_000),
    oneOf('hypervisor', ['vmware', 'hyper_v', 'proxmox', 'kvm', 'xen', 'other']),
    text('ipAddress'),
  ],
  firewall: [text('firmware'), int('throughputMbps', 0, 10_000_000), oneOf('haMode', ['standalone', 'active_passive', 'active_active']), text('managementIp')],
  switch: [int('ports', 1, 1024), bool('poe'), bool('managed'), text('firmware'), text('managementIp')],
  router: [oneOf('wanType', ['dsl', 'fibre', 'cable', 'lte', 'other']), text('firmware'), text('managementIp')],
  storage: [dec('capacityTb', 0, 1_000_000), text('raidLevel'), oneOf('protocol', ['nfs', 'smb', 'iscsi', 'fc', 's3', 'other']), text('firmware')],
  backup_appliance: [dec('capacityTb', 0, 1_000_000), text('software'), bool('immutable'), text('managementIp')],
  phone: [oneOf('kind', ['desk', 'mobile']), text('phoneNumber'), text('imei')],
  tablet: [text('os'), text('imei'), bool('mdmEnrolled')],
  licence: [text('product'), int('seats', 0, 10_000_000), oneOf('metric', ['user', 'device', 'core', 'site', 'subscription']), day('validUntil'), text('contractReference')],
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function fieldSchema(f: AttributeField): z.ZodType {
  switch (f.kind) {
    case 'text':
      return z.string().trim().min(1).max(500);
    case 'integer':
      return z.number().int().min(f.min ?? 0).max(f.max ?? 1_000_000_000);
    case 'decimal':
      return z.number().min(f.min ?? 0).max(f.max ?? 1_000_000);
    case 'boolean':
      return z.boolean();
    case 'date':
      return z.string().regex(ISO_DATE, 'a date YYYY-MM-DD');
    case 'enum':
      return z.enum(f.options as [string, ...string[]]);
  }
}

function attributesSchema(type: AssetType) {
  return z.strictObject(Object.fromEntries(ATTRIBUTE_FIELDS[type].map((f) => [f.key, fieldSchema(f).optional()])));
}

/** `{ type, attributes }` of every asset type: the discriminated union checked on write. */
export const AssetTypedAttributes = z.discriminatedUnion(
  'type',
  ASSET_TYPES.map((type) => z.object({ type: z.literal(type), attributes: attributesSchema(type) })) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<AssetType>; attributes: z.ZodObject }>,
    ...z.ZodObject<{ type: z.ZodLiteral<AssetType>; attributes: z.ZodObject }>[],
  ],
);

export type AttributeCheck = { ok: true; attributes: Record<string, unknown> } | { ok: false; errors: { field: string; message: string }[] };

/** Validates the attributes of one type; unknown keys and wrong kinds are errors, absent keys are fine. */
export function checkAttributes(type: AssetType, attributes: unknown, fieldPrefix = 'body/attributes'): AttributeCheck {
  const res = AssetTypedAttributes.safeParse({ type, attributes: attributes ?? {} });
  if (res.success) {
    // Drop undefined so the stored JSON holds only what was given.
    const clean = Object.fromEntries(Object.entries(res.data.attributes).filter(([, v]) => v !== undefined));
    return { ok: true, attributes: clean };
  }
  return {
    ok: false,
    errors: res.error.issues.map((i) => {
      const path = i.path.slice(1).map(String);
      const keys = i.code === 'unrecognized_keys' ? i.keys : [];
      return {
        field: [fieldPrefix, ...path, ...keys.slice(0, 1)].join('/'),
        message: i.code === 'unrecognized_keys' ? `not an attribute of ${type}: ${keys.join(', ')}` : i.message,
      };
    }),
  };
}

/**
 * Converts a spreadsheet cell to the field's kind (import): "ja"/"nein", German decimals "1,5".
 * Returns undefined for an empty cell, or an error message.
 */
export function parseCell(f: AttributeField, raw: string): { value?: unknown; error?: string } {
  const s = raw.trim();
  if (s === '') {
    return {};
  }
  switch (f.kind) {
    case 'text':
      return { value: s };
    case 'integer': {
      const n = Number(s.replace(/\./g, ''));
      return Number.isInteger(n) ? { value: n } : { error: 'a whole number' };
    }
    case 'decimal': {
      const n = Number(s.replace(',', '.'));
      return Number.isFinite(n) ? { value: n } : { error: 'a number' };
    }
    case 'boolean': {
      const v = s.toLowerCase();
      if (['ja', 'yes', 'true', '1', 'x'].includes(v)) {
        return { value: true };
      }
      if (['nein', 'no', 'false', '0'].includes(v)) {
        return { value: false };
      }
      return { error: 'ja or nein' };
    }
    case 'date':
      return { value: s };
    case 'enum':
      return { value: s };
  }
}
