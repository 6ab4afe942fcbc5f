import type { Organisation } from '../../app/api';

export const MEMBER_TABS = ['profile', 'leitweg', 'contacts', 'agreements', 'documents', 'onboarding', 'subscriptions'] as const;
export type MemberTab = (typeof MEMBER_TABS)[number];

const NEEDS: Record<MemberTab, string> = {
  profile: 'member.read',
  leitweg: 'member.read',
  contacts: 'member.read',
  agreements: 'agreement.read',
  documents: 'document.read',
  onboarding: 'onboarding.read',
  subscriptions: 'subscription.read',
};

/** The member tabs this user may see on this organisation (from the session's permissions there). */
export function memberTabs(org: Pick<Organisation, 'kind'>, permissions: readonly string[]): MemberTab[] {
  if (org.kind !== 'member') {
    return [];
  }
  return MEMBER_TABS.filter((tab) => permissions.includes(NEEDS[tab]));
}

export function isMemberTab(tab: string): tab is MemberTab {
  return (MEMBER_TABS as readonly string[]).includes(tab);
}
