/** Search params come from the address bar: accept only what the page understands. */
export function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

// The member tabs (profile … onboarding) come from features/members/MemberTabs.tsx.
export const ORG_TABS = [
  'overview',
  'children',
  'users',
  'profile',
  'leitweg',
  'contacts',
  'agreements',
  'documents',
  'onboarding',
  'subscriptions',
  'audit',
] as const;
export type OrgTab = (typeof ORG_TABS)[number];

export function orgTab(v: unknown): OrgTab | undefined {
  return ORG_TABS.find((t) => t === v);
}
