import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { subtree, type TreeNode } from '../../lib/memberships';

function Branch({ node }: { node: TreeNode }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link
        to="/organisations/$id"
        params={{ id: node.membership.orgId }}
        search={{ tab: undefined }}
        className="kern-link"
      >
        {node.membership.orgName}
      </Link>{' '}
      <span className="kern-body kern-body--small kern-body--muted">({t(`orgKind.${node.membership.orgKind}`)})</span>
      {node.children.length > 0 ? (
        <ul className="kern-list tree-list">
          {node.children.map((c) => (
            <Branch key={c.membership.orgId} node={c} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/**
 * The active organisation's subtree as nested lists. The session already lists every visible
 * organisation with its parent, so the tree needs no request of its own.
 */
export function OrganisationTree() {
  const { t } = useTranslation();
  const { me, activeOrg } = useAuth();
  const root = activeOrg ? subtree(me?.memberships ?? [], activeOrg.orgId) : null;
  if (!root) {
    return <Alert variant="info" title={t('org.empty')} />;
  }
  return (
    <ul className="kern-list tree-list" aria-label={t('org.treeLabel')}>
      <Branch node={root} />
    </ul>
  );
}
