import { z } from 'zod';
import { PageQuery } from '../../platform/http/pagination.js';
import { isCalendarDate } from './agreement-lifecycle.js';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, ALLOCATION_KEYS, VAT_TREATMENTS } from './agreements.schema.js';

export const AgreementKind = z.enum(AGREEMENT_KINDS);
export const AgreementStatus = z.enum(AGREEMENT_STATUSES);
export const AllocationKey = z.enum(ALLOCATION_KEYS);
export const VatTreatment = z.enum(VAT_TREATMENTS);

export const CalendarDate = z.string().refine(isCalendarDate, 'a calendar date (YYYY-MM-DD)');
/** Money in cents (integer minor units; never a float). */
const Cents = z.number().int().min(0).max(1_000_000_000_00);

const VatInput = z.strictObject({
  /** (b) the service serves a public task incumbent on all parties. */
  publicTask: z.boolean(),
  /** (c) only against cost reimbursement. */
  costReimbursementOnly: z.boolean(),
  /** (d) the provider serves essentially other public bodies. */
  servesPublicBodies: z.boolean(),
  /** Omit to take the treatment that follows from the checklist. */
  treatment: VatTreatment.optional(),
  exemptReason: z.string().trim().min(1).max(500).nullable().optional(),
});

const Shares = z.strictObject({
  count: z.number().int().min(0).max(1_000_000),
  nominalValueCents: Cents,
  paidCents: Cents,
});

const AgreementFields = {
  title: z.string().trim().min(1).max(300),
  reference: z.string().trim().min(1).max(100).nullable().optional(),
  termStart: CalendarDate.nullable().optional(),
  termEnd: CalendarDate.nullable().optional(),
  minimumTermYears: z.number().int().min(0).max(99).nullable().optional(),
  noticeMonths: z.number().int().min(0).max(120).optional(),
  noticeToYearEnd: z.boolean().optional(),
  allocationKey: AllocationKey.nullable().optional(),
  vat: VatInput.optional(),
  /** Only for `genossenschaft`: the member's shares. */
  shares: Shares.nullable().optional(),
  notes: z.string().max(10_000).nullable().optional(),
};

export const AgreementCreateRequest = z.strictObject({
  kind: AgreementKind,
  /** Date the member declared its intent to join (Beitrittsabsicht). */
  intentDeclaredAt: CalendarDate,
  ...AgreementFields,
});
export type AgreementCreateRequest = z.infer<typeof AgreementCreateRequest>;

export const AgreementUpdateRequest = z
  .strictObject({ ...AgreementFields, title: AgreementFields.title.optional() })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type AgreementUpdateRequest = z.infer<typeof AgreementUpdateRequest>;

export const Signatory = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** e.g. Bürgermeisterin, Landrat, Vorstand. */
  function: z.string().trim().min(1).max(200),
  party: z.enum(['member', 'provider']),
  date: CalendarDate,
});

export const AgreementTransitionRequest = z.strictObject({
  to: AgreementStatus,
  /** The date of the step: signing, start of onboarding, activation, notice, end. */
  date: CalendarDate,
  signatories: z.array(Signatory).max(20).optional(),
  /** With `to: signed`: a PDF document of the same organisation (upload it first). */
  signedDocumentId: z.uuid().optional(),
});
export type AgreementTransitionRequest = z.infer<typeof AgreementTransitionRequest>;

export const OrgIdParams = z.strictObject({ id: z.uuid() });
export const AgreementIdParams = z.strictObject({ aid: z.uuid() });

export const AgreementListQuery = PageQuery.extend({
  status: AgreementStatus.optional(),
  kind: AgreementKind.optional(),
  /** Case-insensitive search in the title, the reference and the member's name. */
  q: z.string().trim().min(1).max(100).optional(),
  /** `csv` or `xlsx` for a spreadsheet export of this page (also via the `Accept` header). */
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
}).strict();
export type AgreementListQuery = z.infer<typeof AgreementListQuery>;

export const AgreementResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  providerId: z.uuid(),
  kind: AgreementKind,
  status: AgreementStatus,
  title: z.string(),
  reference: z.string().nullable(),
  intentDeclaredAt: z.string(),
  signedAt: z.string().nullable(),
  signatories: z.array(Signatory),
  signedDocumentId: z.uuid().nullable(),
  onboardingStartedAt: z.string().nullable(),
  activeSince: z.string().nullable(),
  noticeGivenAt: z.string().nullable(),
  effectiveEnd: z.string().nullable(),
  endedAt: z.string().nullable(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  minimumTermYears: z.number().int().nullable(),
  noticeMonths: z.number().int(),
  noticeToYearEnd: z.boolean(),
  allocationKey: AllocationKey.nullable(),
  vat: z.object({
    longTermPublicLaw: z.boolean(),
    publicTask: z.boolean(),
    costReimbursementOnly: z.boolean(),
    servesPublicBodies: z.boolean(),
    treatment: VatTreatment,
    /** True when the treatment was chosen (kept across edits) rather than derived from the checklist. */
    treatmentChosen: z.boolean(),
    exemptReason: z.string().nullable(),
  }),
  shares: z.object({ count: z.number().int(), nominalValueCents: z.number().int(), paidCents: z.number().int(), totalNominalCents: z.number().int() }).nullable(),
  notes: z.string().nullable(),
  /** The statuses this agreement may move to next. */
  allowedTransitions: z.array(AgreementStatus),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  abilities: z.object({ update: z.boolean(), transition: z.boolean(), uploadDocument: z.boolean() }),
});
export type AgreementResponse = z.infer<typeof AgreementResponse>;

export const DocumentIdParams = z.strictObject({ did: z.uuid() });

export const DocumentListQuery = PageQuery.extend({ agreementId: z.uuid().optional() }).strict();

export const DocumentResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  agreementId: z.uuid().nullable(),
  title: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  abilities: z.object({ delete: z.boolean() }),
});
export type DocumentResponse = z.infer<typeof DocumentResponse>;
