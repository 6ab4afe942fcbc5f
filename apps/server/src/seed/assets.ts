/**
 * Demo inventory of a scenario provider: per member workstations by population (with monitors,
 * a share of notebooks), printers and one MFP, a firewall and a server (bought and run by the
 * provider for the member); the provider's own data centre (virtualisation hosts, storage, a
 * backup appliance, core switches, a VM per larger member) with CMDB relations. Purchase dates
 * spread over six years, so book values, GWG items, warranties ending and retired devices all
 * show. Runs in the scenario's transaction on the admin path; bulk inserts only. A provider that
 * has assets already is left as it is. Sites are placed by `placeDemoAssets` once they exist.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../platform/db/client.js';
import { uuidv7 } from '../platform/db/columns.js';
import { assetNumberCounters, assetRelations, assetSettings, insertAssetsBulk as insertMany, type AssetRow, type AssetType } from '../modules/assets/index.js';

type Insert = Parameters<typeof insertMany>[1][number];

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) % 1_000_000) / 1_000_000;
  };
}

export interface AssetSeedOptions {
  now?: Date;
  /** Whose balance sheet carries the members' workplace devices (the provider's own kit is always its own). */
  workplaceOwner: 'member' | 'provider';
  inventoryPattern?: string;
  lowValueThresholdCents?: number;
}

const MODELS: Record<AssetType, [string, string, number][]> = {
  workstation: [['Dell', 'OptiPlex 7010 SFF', 74_900], ['HP', 'Elite Mini 800 G9', 89_900], ['Fujitsu', 'Esprimo D7012', 96_500]],
  laptop: [['Lenovo', 'ThinkPad T14 Gen 4', 119_900], ['HP', 'EliteBook 840 G10', 129_000]],
  monitor: [['Dell', 'P2423D', 18_900], ['Eizo', 'FlexScan EV2480', 29_900]],
  printer: [['Kyocera', 'ECOSYS P3145dn', 34_900], ['Kyocera', 'TASKalfa 3554ci', 349_000]],
  server: [['Fujitsu', 'Primergy TX1330 M5', 289_000], ['Dell', 'PowerEdge R760', 1_290_000]],
  virtual_machine: [['VMware', 'VM', 0]],
  firewall: [['Sophos', 'XGS 2100', 289_000], ['Sophos', 'XGS 136', 129_000]],
  switch: [['HPE Aruba', '6300M 48G', 645_000], ['HPE Aruba', '6100 24G', 145_000]],
  router: [['LANCOM', '1926VAG', 79_900]],
  storage: [['NetApp', 'AFF A250', 3_850_000]],
  backup_appliance: [['ExaGrid', 'EX18', 2_450_000]],
  phone: [['Snom', 'D785', 22_900]],
  tablet: [['Apple', 'iPad 10.9', 49_900]],
  licence: [['Microsoft', 'Windows Server 2022 Datacenter', 620_000]],
};

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + months, Math.min(d, 28)));
  return t.toISOString().slice(0, 10);
}

export async function seedAssets(tx: Tx, providerId: string, opts: AssetSeedOptions): Promise<number> {
  const existing = await tx.execute<{ n: number }>(sql`select count(*)::int as n from assets where provider_id = ${providerId}`);
  if (existing.rows[0]!.n > 0) {
    return 0;
  }
  const now = opts.now ?? new Date();
  const year = now.getUTCFullYear();
  const rand = rng(providerId.split('').reduce((h, c) => (h * 33 + c.charCodeAt(0)) >>> 0, 7));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const members = (
    await tx.execute<{ id: string; name: string; short_name: string | null; population: number | null; workstations: number | null }>(sql`
      select o.id, o.name, o.short_name,
             (select p.value from member_population p where p.org_id = o.id order by p.reference_date desc limit 1) as population,
             (select w.value from member_workstations w where w.org_id = o.id order by w.reference_date desc limit 1) as workstations
        from organisations o where o.provider_id = ${providerId} and o.kind = 'member' order by o.name`)
  ).rows;

  await tx
    .insert(assetSettings)
    .values({ orgId: providerId, inventoryPattern: opts.inventoryPattern ?? 'INV-{YYYY}-{seq:6}', lowValueThresholdCents: opts.lowValueThresholdCents ?? 80_000 })
    .onConflictDoNothing();
  const pattern = opts.inventoryPattern ?? 'INV-{YYYY}-{seq:6}';
  const counters = new Map<number, number>();
  const number = (purchaseYear: number) => {
    const seq = (counters.get(purchaseYear) ?? 0) + 1;
    counters.set(purchaseYear, seq);
    return pattern
      .replace(/\{YYYY\}/g, String(purchaseYear))
      .replace(/\{YY\}/g, String(purchaseYear % 100).padStart(2, '0'))
      .replace(/\{seq(?::(\d))?\}/g, (_m, n: string | undefined) => String(seq).padStart(n ? Number(n) : 1, '0'));
  };

  const rows: Insert[] = [];
  const add = (
    type: AssetType,
    o: { ownerOrgId: string; usingMemberId: string | null; name?: string; attributes?: Record<string, unknown>; ageMonths?: number; status?: AssetRow['status']; model?: [string, string, number] },
  ): string => {
    const [manufacturer, model, cost] = o.model ?? pick(MODELS[type]);
    const age = o.ageMonths ?? Math.floor(rand() * 72);
    const purchaseDate = addMonths(`${year}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-15`, -age);
    const purchaseYear = Number(purchaseDate.slice(0, 4));
    const warranty = type === 'server' || type === 'storage' || type === 'backup_appliance' || type === 'firewall' || type === 'switch' ? 60 : 36;
    // The older devices are being replaced: some retired, a few in repair or waiting in stock.
    const status: AssetRow['status'] = o.status ?? (age > 66 && rand() < 0.5 ? 'retired' : rand() < 0.03 ? 'in_repair' : rand() < 0.04 ? 'in_stock' : 'deployed');
    const id = uuidv7();
    rows.push({
      id,
      orgId: o.usingMemberId ?? o.ownerOrgId,
      providerId,
      ownerOrgId: o.ownerOrgId,
      usingMemberId: o.usingMemberId,
      type,
      inventoryNumber: number(purchaseYear),
      name: o.name ?? null,
      serial: type === 'virtual_machine' ? null : `${manufacturer.slice(0, 2).toUpperCase()}${Math.floor(rand() * 1e9).toString(36).toUpperCase()}`,
      manufacturer: type === 'virtual_machine' ? null : manufacturer,
      model: type === 'virtual_machine' ? null : model,
      status,
      purchaseDate: type === 'virtual_machine' ? null : purchaseDate,
      costCents: type === 'virtual_machine' ? null : cost,
      supplier: type === 'virtual_machine' ? null : pick(['Bechtle GmbH & Co. KG', 'Cancom Public GmbH', 'Computacenter AG & Co. oHG', 'regionaler Fachhändler (Rahmenvertrag)']),
      warrantyEnd: type === 'virtual_machine' ? null : addMonths(purchaseDate, warranty),
      fundingReference: type === 'firewall' && rand() < 0.4 ? 'Förderprogramm Digitale Kommune, Bescheid 2023-117' : null,
      attributes: o.attributes ?? {},
    });
    return id;
  };

  // The provider's data centre.
  const hosts = [1, 2, 3].map((i) =>
    add('server', { ownerOrgId: providerId, usingMemberId: null, name: `ESX-0${i}`, ageMonths: 20 + i, status: 'deployed', model: MODELS.server[1], attributes: { hostname: `esx-0${i}`, cpuCores: 64, ramGb: 1024, formFactor: 'rack', rackUnits: 2, os: 'VMware ESXi 8' } }),
  );
  const storage = add('storage', { ownerOrgId: providerId, usingMemberId: null, name: 'SAN-01', ageMonths: 22, status: 'deployed', attributes: { capacityTb: 184.5, protocol: 'iscsi', raidLevel: 'RAID-DP' } });
  const backup = add('backup_appliance', { ownerOrgId: providerId, usingMemberId: null, name: 'BACKUP-01', ageMonths: 18, status: 'deployed', attributes: { capacityTb: 288, software: 'Veeam Backup & Replication 12', immutable: true } });
  const core = [1, 2].map((i) => add('switch', { ownerOrgId: providerId, usingMemberId: null, name: `CORE-SW-0${i}`, ageMonths: 30, status: 'deployed', model: MODELS.switch[0], attributes: { ports: 48, managed: true, poe: false } }));
  add('licence', { ownerOrgId: providerId, usingMemberId: null, name: 'Windows Server Datacenter (Hosts)', ageMonths: 20, status: 'deployed', attributes: { product: 'Windows Server 2022 Datacenter', seats: 6, metric: 'core' } });
  const relations: { from: string; type: 'runs_on' | 'connected_to' | 'backed_up_by' | 'depends_on'; to: string; orgId: string }[] = [];
  for (const h of hosts) {
    relations.push({ from: h, type: 'depends_on', to: storage, orgId: providerId }, { from: h, type: 'connected_to', to: core[0]!, orgId: providerId }, { from: h, type: 'connected_to', to: core[1]!, orgId: providerId });
  }
  relations.push({ from: storage, type: 'backed_up_by', to: backup, orgId: providerId });

  const workplaceOwner = (memberId: string) => (opts.workplaceOwner === 'member' ? memberId : providerId);
  members.forEach((m, idx) => {
    const short = (m.short_name ?? m.name.replace(/^(Stadt|Gemeinde|Landgemeinde|VG|Verwaltungsgemeinschaft|Landkreis)\s+/, '')).slice(0, 12).toUpperCase().replace(/[^A-ZÄÖÜ0-9]/g, '');
    // About one administrative workplace per 180 inhabitants, at least two; a known count wins.
    const ws = Math.max(2, m.workstations ?? Math.round((m.population ?? 600) / 180));
    for (let i = 0; i < ws; i++) {
      const laptop = rand() < 0.2;
      add(laptop ? 'laptop' : 'workstation', {
        ownerOrgId: workplaceOwner(m.id),
        usingMemberId: m.id,
        name: `${short}-${laptop ? 'NB' : 'PC'}${String(i + 1).padStart(3, '0')}`,
        attributes: { hostname: `${short.toLowerCase()}-${laptop ? 'nb' : 'pc'}${i + 1}`, os: 'Windows 11 Pro', ramGb: 16, storageGb: 512 },
      });
      if (!laptop) {
        add('monitor', { ownerOrgId: workplaceOwner(m.id), usingMemberId: m.id, attributes: { sizeInches: 24 } });
      }
    }
    const printers = Math.max(1, Math.round(ws / 8));
    for (let i = 0; i < printers; i++) {
      add('printer', { ownerOrgId: workplaceOwner(m.id), usingMemberId: m.id, name: `${short}-DR${i + 1}`, model: MODELS.printer[0], attributes: { kind: 'printer', color: false, duplex: true, pageCount: 5_000 + Math.floor(rand() * 90_000) } });
    }
    add('printer', { ownerOrgId: workplaceOwner(m.id), usingMemberId: m.id, name: `${short}-MFP`, model: MODELS.printer[1], attributes: { kind: 'mfp', color: true, duplex: true, pageCount: 20_000 + Math.floor(rand() * 400_000) } });
    // Bought and run by the provider for the member (its balance sheet).
    const fw = add('firewall', { ownerOrgId: providerId, usingMemberId: m.id, name: `${short}-FW`, status: 'deployed', model: ws > 40 ? MODELS.firewall[0] : MODELS.firewall[1], attributes: { haMode: ws > 40 ? 'active_passive' : 'standalone', firmware: 'SFOS 20.0' } });
    const srv = add('server', { ownerOrgId: providerId, usingMemberId: m.id, name: `${short}-SRV`, status: 'deployed', model: MODELS.server[0], attributes: { hostname: `${short.toLowerCase()}-srv`, os: 'Windows Server 2022', cpuCores: 8, ramGb: 64, formFactor: 'tower' } });
    relations.push({ from: srv, type: 'backed_up_by', to: backup, orgId: m.id }, { from: srv, type: 'connected_to', to: fw, orgId: m.id });
    if (ws >= 20 || idx < 3) {
      const vm = add('virtual_machine', { ownerOrgId: providerId, usingMemberId: m.id, name: `${short}-FV01`, status: 'deployed', attributes: { hostname: `${short.toLowerCase()}-fv01`, vcpus: 4, ramGb: 16, hypervisor: 'vmware', os: 'Windows Server 2022' } });
      relations.push({ from: vm, type: 'runs_on', to: hosts[idx % hosts.length]!, orgId: m.id }, { from: vm, type: 'backed_up_by', to: backup, orgId: m.id });
    }
  });

  await insertMany(tx, rows, 2000);
  for (let i = 0; i < relations.length; i += 2000) {
    await tx.insert(assetRelations).values(
      relations.slice(i, i + 2000).map((r) => ({ orgId: r.orgId, providerId, fromAssetId: r.from, type: r.type, toAssetId: r.to })),
    );
  }
  // Counters continue after the seeded numbers, so new assets never collide with them.
  await tx
    .insert(assetNumberCounters)
    .values([...counters].map(([y, last]) => ({ orgId: providerId, year: y, last })))
    .onConflictDoNothing();
  return rows.length;
}

/** Once the demo sites exist: workplace kit and member servers to the member's town hall, the provider's kit to its data centre. */
export async function placeDemoAssets(tx: Tx, providerId: string): Promise<void> {
  await tx.execute(sql`
    update assets a set site_id = s.id
      from (select distinct on (org_id) id, org_id from sites where provider_id = ${providerId} and kind = 'town_hall' order by org_id, name) s
     where a.provider_id = ${providerId} and a.org_id = s.org_id and a.site_id is null and a.type <> 'virtual_machine'`);
  await tx.execute(sql`
    update assets a set site_id = s.id
      from (select id from sites where provider_id = ${providerId} and kind = 'data_centre' order by name limit 1) s
     where a.provider_id = ${providerId} and a.org_id = ${providerId} and a.site_id is null`);
}
