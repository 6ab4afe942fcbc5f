import type { Organisation } from '../../app/api';
import { AgreementList } from '../agreements/AgreementList';
import { Documents } from '../agreements/Documents';
import { Onboarding } from '../agreements/Onboarding';
import { MemberSubscriptions } from '../catalog/MemberSubscriptions';
import { Contacts } from './Contacts';
import './i18n';
import { LeitwegIds } from './LeitwegIds';
import { MemberProfile } from './MemberProfile';
import { isMemberTab, memberTabs } from './tabs';

export { isMemberTab, memberTabs } from './tabs';

/** The panel of one member tab; renders nothing when the user may not see it. */
export function MemberTabPanel({
  org,
  tab,
  permissions,
}: {
  org: Organisation;
  tab: string;
  permissions: readonly string[];
}) {
  if (!isMemberTab(tab) || !memberTabs(org, permissions).includes(tab)) {
    return null;
  }
  switch (tab) {
    case 'profile':
      return <MemberProfile orgId={org.id} />;
    case 'leitweg':
      return <LeitwegIds orgId={org.id} />;
    case 'contacts':
      return <Contacts orgId={org.id} />;
    case 'agreements':
      return <AgreementList orgId={org.id} canManage={permissions.includes('agreement.manage')} />;
    case 'documents':
      return <Documents orgId={org.id} canUpload={permissions.includes('document.upload')} />;
    case 'onboarding':
      return <Onboarding orgId={org.id} providerId={org.providerId} canManage={permissions.includes('onboarding.manage')} />;
    case 'subscriptions':
      return <MemberSubscriptions orgId={org.id} canManage={permissions.includes('subscription.manage')} />;
  }
}
