import type { SiteRef } from './sites.dto.js';

export interface PlacementView {
  id: string;
  name: string;
  orgName: string;
  replication: 'synchronous' | 'asynchronous' | 'backup_restore';
  rtoHours: number | null;
  primary: SiteRef;
  replica: SiteRef | null;
}

export interface FailoverGroup {
  site: SiteRef;
  entries: {
    placementId: string;
    name: string;
    orgName: string;
    replication: PlacementView['replication'];
    rtoHours: number | null;
    target: SiteRef | null;
  }[];
  targets: { site: SiteRef; count: number }[];
  withoutReplica: number;
}

/**
 * "What fails over where": placements grouped by their primary site; for each site the services
 * that move (and where to), the targets with counts (most first), and how many have no replica.
 * Sites ordered by name, entries by service name, so the view reads the same every time.
 */
export function failoverGroups(placements: readonly PlacementView[]): FailoverGroup[] {
  const bySite = new Map<string, FailoverGroup>();
  for (const p of placements) {
    let g = bySite.get(p.primary.id);
    if (!g) {
      g = { site: p.primary, entries: [], targets: [], withoutReplica: 0 };
      bySite.set(p.primary.id, g);
    }
    g.entries.push({
      placementId: p.id,
      name: p.name,
      orgName: p.orgName,
      replication: p.replication,
      rtoHours: p.rtoHours,
      target: p.replica,
    });
    if (!p.replica) {
      g.withoutReplica += 1;
    } else {
      const t = g.targets.find((x) => x.site.id === p.replica!.id);
      if (t) {
        t.count += 1;
      } else {
        g.targets.push({ site: p.replica, count: 1 });
      }
    }
  }
  const groups = [...bySite.values()];
  for (const g of groups) {
    g.entries.sort((a, b) => a.name.localeCompare(b.name, 'de') || a.placementId.localeCompare(b.placementId));
    g.targets.sort((a, b) => b.count - a.count || a.site.name.localeCompare(b.site.name, 'de'));
  }
  return groups.sort((a, b) => a.site.name.localeCompare(b.site.name, 'de') || a.site.id.localeCompare(b.site.id));
}
