import { describe, expect, it } from 'vitest';
import type { Job } from './backups.api';
import { jobFormValues, jobRequest, looksLikeSchedule } from './job-form';

const filled = {
  ...jobFormValues(undefined, 'org-1'),
  name: 'Fileserver Rathaus',
  assetId: 'asset-1',
  primarySiteId: 'dc-1',
};

describe('backup job form', () => {
  it('accepts the schedules the server takes and refuses others', () => {
    for (const s of [
      '0 22 * * *',
      '0 22 * * 1-5',
      '*/15 * * * *',
      '0 1,13 * * *',
      'every 6h',
      'every 30m',
      'EVERY 1d',
    ]) {
      expect(looksLikeSchedule(s), s).toBe(true);
    }
    for (const s of ['', 'täglich', '0 22 * *', 'every h', '0 22 * * * *']) {
      expect(looksLikeSchedule(s), s).toBe(false);
    }
  });

  it('builds the create request of a new job (asset, no copy, numbers as numbers)', () => {
    const r = jobRequest({ ...filled, copySiteId: '', retentionDays: ' 90 ', rpoHours: '26', notes: '  ' }, true);
    expect(r.errors).toEqual({});
    expect(r.create).toEqual({
      orgId: 'org-1',
      name: 'Fileserver Rathaus',
      targetKind: 'asset',
      assetId: 'asset-1',
      serviceId: null,
      schedule: '0 22 * * *',
      primarySiteId: 'dc-1',
      copySiteId: null,
      retentionDays: 90,
      rpoHours: 26,
      notes: null,
    });
  });

  it('names every missing or wrong field and sends nothing', () => {
    const r = jobRequest(
      {
        ...jobFormValues(),
        targetKind: 'service',
        schedule: 'nachts',
        retentionDays: '0',
        rpoHours: '9000',
        copySiteId: '',
      },
      true,
    );
    expect(r.create).toBeUndefined();
    expect(r.errors).toEqual({
      orgId: 'form.required',
      name: 'form.required',
      serviceId: 'form.required',
      schedule: 'form.scheduleInvalid',
      primarySiteId: 'form.required',
      retentionDays: 'form.retentionInvalid',
      rpoHours: 'form.rpoInvalid',
    });
    expect(jobRequest({ ...filled, copySiteId: 'dc-1' }, true).errors).toEqual({ copySiteId: 'form.copySame' });
  });

  it('edits an existing job: starts from its values, switches to a service, keeps the member out of the patch', () => {
    const job = {
      id: 'job-1',
      orgId: 'org-1',
      name: 'SQL',
      targetKind: 'asset',
      asset: { id: 'asset-1', name: 'srv', inventoryNumber: 'INV-1' },
      service: null,
      schedule: 'every 6h',
      primarySite: { id: 'dc-1', name: 'RZ' },
      copySite: { id: 'dc-2', name: 'Greiz' },
      retentionDays: 30,
      rpoHours: 8,
      notes: null,
      active: true,
    } as unknown as Job;
    const v = jobFormValues(job);
    expect(v).toMatchObject({
      assetId: 'asset-1',
      copySiteId: 'dc-2',
      retentionDays: '30',
      rpoHours: '8',
      schedule: 'every 6h',
    });
    const r = jobRequest({ ...v, targetKind: 'service', serviceId: 'svc-1', active: false }, false);
    expect(r.create).toBeUndefined();
    expect(r.update).toMatchObject({
      targetKind: 'service',
      serviceId: 'svc-1',
      assetId: null,
      copySiteId: 'dc-2',
      active: false,
    });
    expect(r.update).not.toHaveProperty('orgId');
  });
});
