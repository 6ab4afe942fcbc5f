import { OrganisationKind, OrganisationType } from '@verbund/shared';
import { z } from 'zod';
import { PageQuery } from '../../platform/http/pagination.js';

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

const OrganisationFields = {
  type: OrganisationType,
  name: z.string().trim().min(1).max(200),
  shortName: optionalText(50),
  ags: z.string().regex(/^\d{8}$/, 'AGS: 8 digits').nullable().optional(),
  ars: z.string().regex(/^\d{12}$/, 'ARS: 12 digits').nullable().optional(),
  street: optionalText(200),
  postalCode: z.string().regex(/^\d{5}$/, 'postal code: 5 digits').nullable().optional(),
  city: optionalText(100),
  email: z.email().max(200).nullable().optional(),
  phone: optionalText(50),
  website: z.url().max(300).nullable().optional(),
};

export const OrganisationCreateRequest = z.strictObject({
  /** The parent in the tree; the caller needs organisation.create on it. */
  parentId: z.uuid(),
  ...OrganisationFields,
});
export type OrganisationCreateRequest = z.infer<typeof OrganisationCreateRequest>;

export const OrganisationUpdateRequest = z
  .strictObject({
    type: OrganisationFields.type.optional(),
    name: OrganisationFields.name.optional(),
    shortName: OrganisationFields.shortName,
    ags: OrganisationFields.ags,
    ars: OrganisationFields.ars,
    street: OrganisationFields.street,
    postalCode: OrganisationFields.postalCode,
    city: OrganisationFields.city,
    email: OrganisationFields.email,
    phone: OrganisationFields.phone,
    website: OrganisationFields.website,
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type OrganisationUpdateRequest = z.infer<typeof OrganisationUpdateRequest>;

export const OrganisationIdParams = z.strictObject({ id: z.uuid() });

export const OrganisationSort = z.enum(['name', '-name', 'createdAt', '-createdAt']);

export const OrganisationListQuery = PageQuery.extend({
  /** Only this organisation and its descendants (the active organisation of the UI). */
  within: z.uuid().optional(),
  parentId: z.uuid().optional(),
  kind: OrganisationKind.optional(),
  type: OrganisationType.optional(),
  /** Case-insensitive search in name, short name, AGS. */
  q: z.string().trim().max(100).optional(),
  /** Kreis key (5 digits): organisations whose AGS/ARS lies in the Kreis, or one of whose children's does. */
  kreis: z.string().regex(/^\d{5}$/, 'Kreis: 5 digits').optional(),
  /** Organisations with an agreement in this status (values of the agreements module). */
  status: z.enum(['intent', 'signed', 'onboarding', 'active', 'notice_given', 'ended']).optional(),
  /** Organisations with an agreement of this kind. */
  agreementKind: z.enum(['zweckvereinbarung', 'oer_vertrag', 'genossenschaft', 'dienstleistungsvertrag']).optional(),
  sort: OrganisationSort.default('name'),
  /** `csv` or `xlsx` for a spreadsheet export of this page (also via the `Accept` header). */
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
}).strict();
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>;

export const Abilities = z.object({
  update: z.boolean(),
  delete: z.boolean(),
  createChild: z.boolean(),
  manageUsers: z.boolean(),
  readAudit: z.boolean(),
});

export const OrganisationResponse = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  providerId: z.uuid(),
  kind: OrganisationKind,
  type: OrganisationType,
  name: z.string(),
  shortName: z.string().nullable(),
  ags: z.string().nullable(),
  ars: z.string().nullable(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  childCount: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** What the caller may do with this organisation; the UI hides the rest. */
  abilities: Abilities,
});
export type OrganisationResponse = z.infer<typeof OrganisationResponse>;
