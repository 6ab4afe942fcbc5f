import type { OrganisationType } from '@verbund/shared';

/** What the form edits: every field a string, as inputs hold them. */
export interface OrgFormValues {
  type: OrganisationType | '';
  name: string;
  shortName: string;
  ags: string;
  ars: string;
  street: string;
  postalCode: string;
  city: string;
  email: string;
  phone: string;
  website: string;
}

export const ORG_FORM_FIELDS = [
  'parentId',
  'type',
  'name',
  'shortName',
  'ags',
  'ars',
  'street',
  'postalCode',
  'city',
  'email',
  'phone',
  'website',
] as const;

type Optional = Exclude<keyof OrgFormValues, 'type' | 'name'>;
const OPTIONAL: Optional[] = ['shortName', 'ags', 'ars', 'street', 'postalCode', 'city', 'email', 'phone', 'website'];

export type OrganisationCreateBody = { parentId: string; type: OrganisationType; name: string } & Partial<
  Record<Optional, string | null>
>;
export type OrganisationUpdateBody = Partial<
  { type: OrganisationType; name: string } & Record<Optional, string | null>
>;

export const emptyOrgForm = (): OrgFormValues => ({
  type: '',
  name: '',
  shortName: '',
  ags: '',
  ars: '',
  street: '',
  postalCode: '',
  city: '',
  email: '',
  phone: '',
  website: '',
});

export function formFromOrganisation(
  o: { type: OrganisationType; name: string } & Record<Optional, string | null>,
): OrgFormValues {
  const v = emptyOrgForm();
  v.type = o.type;
  v.name = o.name;
  for (const k of OPTIONAL) {
    v[k] = o[k] ?? '';
  }
  return v;
}

/** New organisation: blank optional fields are left out, the rest trimmed. */
export function createBody(parentId: string, v: OrgFormValues): OrganisationCreateBody {
  const body: OrganisationCreateBody = { parentId, type: v.type as OrganisationType, name: v.name.trim() };
  for (const k of OPTIONAL) {
    const s = v[k].trim();
    if (s) {
      body[k] = s;
    }
  }
  return body;
}

/** Changes only: a cleared field is sent as null (removes the value), untouched ones not at all. */
export function updateBody(before: OrgFormValues, after: OrgFormValues): OrganisationUpdateBody {
  const body: OrganisationUpdateBody = {};
  if (after.type && after.type !== before.type) {
    body.type = after.type;
  }
  if (after.name.trim() !== before.name.trim()) {
    body.name = after.name.trim();
  }
  for (const k of OPTIONAL) {
    const a = after[k].trim();
    if (a !== before[k].trim()) {
      body[k] = a === '' ? null : a;
    }
  }
  return body;
}
