import { describe, expect, it } from 'vitest';
import { partnerDcRequest, placementFormValues, placementRequest } from './placement-form';
import type { Placement } from './sites.api';

describe('service placement form', () => {
  it('places a catalogue service in the primary data centre with a replica at the partner', () => {
    const v = {
      ...placementFormValues(undefined, 'prov-1'),
      serviceId: 'svc-1',
      name: ' Einwohnermeldewesen ',
      primarySiteId: 'dc-soemmerda',
      replicaSiteId: 'dc-greiz',
      rtoHours: '4',
    };
    expect(placementRequest(v, true)).toEqual({
      errors: {},
      create: {
        orgId: 'prov-1',
        serviceId: 'svc-1',
        name: 'Einwohnermeldewesen',
        primarySiteId: 'dc-soemmerda',
        replicaSiteId: 'dc-greiz',
        replication: 'asynchronous',
        rtoHours: 4,
        notes: null,
      },
    });
  });

  it('refuses a replica in the primary data centre, a bad RTO and missing fields', () => {
    const v = { ...placementFormValues(), primarySiteId: 'dc-1', replicaSiteId: 'dc-1', rtoHours: '4,5' };
    expect(placementRequest(v, true).errors).toEqual({
      orgId: 'form.required',
      name: 'form.required',
      replicaSiteId: 'placement.replicaSame',
      rtoHours: 'placement.rtoInvalid',
    });
  });

  it('changes an existing placement without organisation or service, and can drop the replica', () => {
    const p = {
      id: 'pl-1',
      orgId: 'prov-1',
      serviceId: 'svc-1',
      name: 'DMS',
      primarySite: { id: 'dc-1' },
      replicaSite: { id: 'dc-2' },
      replication: 'synchronous',
      rtoHours: null,
      notes: 'Cluster',
    } as unknown as Placement;
    const v = placementFormValues(p);
    expect(v).toMatchObject({ replicaSiteId: 'dc-2', rtoHours: '', replication: 'synchronous' });
    const r = placementRequest({ ...v, replicaSiteId: '' }, false);
    expect(r.update).toEqual({
      name: 'DMS',
      primarySiteId: 'dc-1',
      replicaSiteId: null,
      replication: 'synchronous',
      rtoHours: null,
      notes: 'Cluster',
    });
  });

  it('records a partner data centre, linked to an own data centre only with a purpose', () => {
    const base = { partnerProviderId: 'prov-greiz', name: 'RZ Greiz', city: 'Greiz', dataCentreId: '', purpose: '' };
    expect(partnerDcRequest(base)).toEqual({
      errors: {},
      site: { kind: 'partner_data_centre', name: 'RZ Greiz', city: 'Greiz', partnerProviderId: 'prov-greiz' },
    });
    expect(partnerDcRequest({ ...base, dataCentreId: 'dc-1' }).errors).toEqual({
      purpose: 'partnerDc.purposeRequired',
    });
    expect(partnerDcRequest({ ...base, dataCentreId: 'dc-1', purpose: 'Replikat' }).link).toEqual({
      dataCentreId: 'dc-1',
      purpose: 'Replikat',
    });
    expect(partnerDcRequest({ ...base, partnerProviderId: '', name: ' ' }).errors).toEqual({
      partnerProviderId: 'form.required',
      name: 'form.required',
    });
  });
});
