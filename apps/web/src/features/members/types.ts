import type { paths } from '@verbund/api-client';

type Ok<Op> = Op extends { responses: { 200: { content: { 'application/json': infer T } } } }
  ? T
  : Op extends { responses: { 201: { content: { 'application/json': infer T } } } }
    ? T
    : never;

/** The JSON answer of an operation, from the generated client's types. */
export type Answer<P extends keyof paths, M extends keyof paths[P]> = Ok<paths[P][M]>;

export type MemberProfile = Answer<'/api/v1/organisations/{id}/member-profile', 'get'>;
export type HistoryEntry = Answer<'/api/v1/organisations/{id}/population', 'get'>['items'][number];
export type Contact = Answer<'/api/v1/organisations/{id}/contacts', 'get'>['items'][number];
export type ContactRole = Contact['role'];
export type LeitwegId = Answer<'/api/v1/organisations/{id}/leitweg-ids', 'get'>['items'][number];
export type Agreement = Answer<'/api/v1/agreements/{aid}', 'get'>;
export type AgreementStatus = Agreement['status'];
export type AgreementKind = Agreement['kind'];
export type DocumentMeta = Answer<'/api/v1/documents/{did}', 'get'>;
export type Onboarding = Answer<'/api/v1/organisations/{id}/onboarding', 'get'>;
export type OnboardingTask = Onboarding['tasks'][number];
export type OnboardingSummary = Answer<'/api/v1/onboardings', 'get'>['items'][number];
export type Kreis = Answer<'/api/v1/reference/kreise', 'get'>['items'][number];
export type Verband = Answer<'/api/v1/reference/verbaende', 'get'>['items'][number];
export type Gemeinde = Answer<'/api/v1/reference/gemeinden', 'get'>['items'][number];
export type DirectoryPreview = Answer<'/api/v1/organisations/{id}/from-directory/preview', 'post'>;
export type DirectoryResult = Answer<'/api/v1/organisations/{id}/from-directory/apply', 'post'>;

export const AGREEMENT_STATUSES = ['intent', 'signed', 'onboarding', 'active', 'notice_given', 'ended'] as const;
export const AGREEMENT_KINDS = ['zweckvereinbarung', 'oer_vertrag', 'genossenschaft', 'dienstleistungsvertrag'] as const;
export const CONTACT_ROLES = [
  'buergermeister',
  'hauptamtsleitung',
  'kaemmerei',
  'it_ansprechpartner',
  'isb',
  'dsb',
  'sonstige',
] as const;
