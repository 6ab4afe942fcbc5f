import { OrganisationType, Role } from '@verbund/shared';
import { z } from 'zod';
import { bicError, compact, ibanError, vatIdError } from './bank.js';
import { CONTACT_ROLES } from './members.schema.js';

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();
/** Upper-cased, spaces removed, then checked with a message that says what is wrong. */
const checked = (check: (s: string) => string | null, max: number) =>
  z
    .string()
    .max(max)
    .transform(compact)
    .superRefine((v, ctx) => {
      const error = check(v);
      if (error) {
        ctx.addIssue({ code: 'custom', message: error });
      }
    })
    .nullable()
    .optional();

export const OrgParams = z.strictObject({ id: z.uuid() });
const IsoDate = z.iso.date();

// ---- profile -------------------------------------------------------------------------------

export const MemberProfileUpdateRequest = z
  .strictObject({
    vatId: checked(vatIdError, 20),
    iban: checked(ibanError, 50),
    bic: checked(bicError, 20),
    bankName: optionalText(200),
    accountHolder: optionalText(200),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type MemberProfileUpdateRequest = z.infer<typeof MemberProfileUpdateRequest>;

export const DatedValueResponse = z.object({
  referenceDate: z.iso.date(),
  value: z.number().int(),
  source: z.string(),
  note: z.string().nullable(),
  updatedAt: z.iso.datetime(),
});
export type DatedValueResponse = z.infer<typeof DatedValueResponse>;

export const MemberProfileResponse = z.object({
  orgId: z.uuid(),
  vatId: z.string().nullable(),
  iban: z.string().nullable(),
  bic: z.string().nullable(),
  bankName: z.string().nullable(),
  accountHolder: z.string().nullable(),
  /** Latest entries of the histories. */
  population: DatedValueResponse.nullable(),
  workstations: DatedValueResponse.nullable(),
  abilities: z.object({ update: z.boolean(), manageContacts: z.boolean(), manageLeitwegIds: z.boolean() }),
});
export type MemberProfileResponse = z.infer<typeof MemberProfileResponse>;

// ---- population / workstations ---------------------------------------------------------------

export const HistoryKind = z.enum(['population', 'workstations']);
export type HistoryKind = z.infer<typeof HistoryKind>;

export const HistoryQuery = z.strictObject({
  /** Also answer the value in force on this date (latest entry on or before it). */
  at: IsoDate.optional(),
});
export const HistoryDateParams = z.strictObject({ id: z.uuid(), date: IsoDate });
export const HistoryPutRequest = z.strictObject({
  value: z.number().int().min(0).max(100_000_000),
  source: z.string().trim().min(1).max(100).default('manual'),
  note: optionalText(500),
});
export type HistoryPutRequest = z.infer<typeof HistoryPutRequest>;
export const HistoryResponse = z.object({
  /** Newest first. */
  items: z.array(DatedValueResponse),
  at: z.object({ date: z.iso.date(), entry: DatedValueResponse.nullable() }).optional(),
});

// ---- Leitweg-IDs -----------------------------------------------------------------------------

export const LeitwegParams = z.strictObject({ id: z.uuid(), lid: z.uuid() });
export const LeitwegCreateRequest = z.strictObject({
  leitwegId: z.string().trim().min(1).max(60),
  purpose: optionalText(200),
  /** The first Leitweg-ID of a member is its default anyway. */
  isDefault: z.boolean().optional(),
});
export type LeitwegCreateRequest = z.infer<typeof LeitwegCreateRequest>;
export const LeitwegUpdateRequest = z
  .strictObject({
    leitwegId: z.string().trim().min(1).max(60).optional(),
    purpose: optionalText(200),
    /** Only `true`: a member keeps exactly one default; make another one the default instead. */
    isDefault: z.literal(true).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type LeitwegUpdateRequest = z.infer<typeof LeitwegUpdateRequest>;
export const LeitwegResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  leitwegId: z.string(),
  purpose: z.string().nullable(),
  isDefault: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type LeitwegResponse = z.infer<typeof LeitwegResponse>;

// ---- contacts --------------------------------------------------------------------------------

export const ContactRole = z.enum(CONTACT_ROLES);
export const ContactParams = z.strictObject({ id: z.uuid(), cid: z.uuid() });
const ContactFields = {
  role: ContactRole,
  name: z.string().trim().min(1).max(200),
  email: z.email().max(200).nullable().optional(),
  phone: optionalText(50),
  notes: optionalText(2000),
};
export const ContactCreateRequest = z.strictObject(ContactFields);
export type ContactCreateRequest = z.infer<typeof ContactCreateRequest>;
export const ContactUpdateRequest = z
  .strictObject({
    role: ContactFields.role.optional(),
    name: ContactFields.name.optional(),
    email: ContactFields.email,
    phone: ContactFields.phone,
    notes: ContactFields.notes,
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type ContactUpdateRequest = z.infer<typeof ContactUpdateRequest>;
export const ContactInviteRequest = z.strictObject({
  role: Role.default('member_user'),
  locale: z.enum(['de', 'en']).default('de'),
});
export type ContactInviteRequest = z.infer<typeof ContactInviteRequest>;
export const ContactResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  role: ContactRole,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  notes: z.string().nullable(),
  userId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ContactResponse = z.infer<typeof ContactResponse>;

// ---- from the directory ----------------------------------------------------------------------

export const FromDirectoryRequest = z
  .strictObject({
    /** A whole Kreis: the Landkreis itself, its Gemeindeverbände and all Gemeinden. */
    kreis: z.string().regex(/^\d{5}$/, 'Kreis: 5 digits').optional(),
    /** Gemeindeverbände by key (9 digits) or ARS (12 digits), each with its Gemeinden. */
    verbaende: z.array(z.string().regex(/^(\d{9}|\d{9}000)$/, 'Verband: 9-digit key or 12-digit ARS')).max(200).optional(),
    /** Single Gemeinden by AGS. */
    gemeinden: z.array(z.string().regex(/^\d{8}$/, 'AGS: 8 digits')).max(2000).optional(),
  })
  .refine((v) => v.kreis || v.verbaende?.length || v.gemeinden?.length, 'Choose a Kreis, Gemeindeverbände or Gemeinden.');
export type FromDirectoryRequest = z.infer<typeof FromDirectoryRequest>;

const PlannedParent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('root') }),
  z.object({ kind: z.literal('planned'), ars: z.string() }),
  z.object({ kind: z.literal('existing'), id: z.uuid() }),
]);
export const FromDirectoryPreviewResponse = z.object({
  parentId: z.uuid(),
  populationDate: z.string().nullable(),
  items: z.array(
    z.object({
      ars: z.string(),
      ags: z.string().nullable(),
      name: z.string(),
      shortName: z.string().nullable(),
      type: z.string(),
      parent: PlannedParent,
      population: z.number().int(),
      source: z.string(),
    }),
  ),
  skipped: z.array(z.object({ ars: z.string(), name: z.string(), reason: z.enum(['exists', 'gemeindefrei']), existingId: z.uuid().optional() })),
});
export const FromDirectoryApplyResponse = z.object({
  populationDate: z.string().nullable(),
  created: z.array(
    z.object({ id: z.uuid(), parentId: z.uuid(), name: z.string(), type: z.string(), ags: z.string().nullable(), ars: z.string().nullable(), population: z.number().int() }),
  ),
  skipped: FromDirectoryPreviewResponse.shape.skipped,
});

export const MemberOverviewQuery = z.strictObject({
  /** Population in force on this date (default today). */
  at: IsoDate.optional(),
});

export const MemberOverviewResponse = z.object({
  orgId: z.uuid(),
  /** The date the population figures are taken at. */
  date: z.string(),
  /** Members below the organisation (itself excluded). */
  members: z.number().int(),
  /** Members whose agreement is in onboarding, active or under notice. */
  served: z.number().int(),
  population: z.object({
    /** Sum of the served members' population on `date`. */
    sum: z.number().int(),
    /** Served members that have a population figure. */
    counted: z.number().int(),
    latestReferenceDate: z.string().nullable(),
  }),
  byStatus: z.array(z.object({ status: z.enum(['intent', 'signed', 'onboarding', 'active', 'notice_given', 'ended', 'none']), count: z.number().int() })),
  byType: z.array(z.object({ type: OrganisationType, count: z.number().int() })),
});
export type MemberOverviewResponse = z.infer<typeof MemberOverviewResponse>;
