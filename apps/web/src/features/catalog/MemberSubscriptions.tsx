import { useTranslation } from 'react-i18next';
import { NS } from './i18n';
import { SubscriptionTable } from './SubscriptionTable';

/** The member tab "Leistungen": the member's subscriptions with today's quantities and history. */
export function MemberSubscriptions({ orgId, canManage }: { orgId: string; canManage: boolean }) {
  const { t } = useTranslation(NS);
  return (
    <section className="kern-stack-lg" aria-labelledby="member-subscriptions">
      <h2 className="kern-heading-medium" id="member-subscriptions">
        {t('subscriptions.title')}
      </h2>
      <SubscriptionTable filter={{ memberId: orgId }} show="service" canAdd={canManage} />
    </section>
  );
}
