import { describe, expect, it } from 'vitest';
import { refusedTenant } from '../../../adapters/teams/tenant-allowlist.js';

const activity = (conversationTenant?: string, channelDataTenant?: string) => ({
  type: 'message',
  conversation: { id: 'a:1', ...(conversationTenant ? { tenantId: conversationTenant } : {}) },
  channelData: channelDataTenant ? { tenant: { id: channelDataTenant } } : {},
});

describe('TEAMS_ALLOWED_TENANTS', () => {
  const allowed = ['72f988bf-86f1-41af-91ab-2d7cd011db47'];

  it('serves an activity whose every tenant id is listed, whatever its case', () => {
    expect(refusedTenant(activity(allowed[0], allowed[0]), allowed)).toBeNull();
    expect(refusedTenant(activity('72F988BF-86F1-41AF-91AB-2D7CD011DB47'), allowed)).toBeNull();
    expect(refusedTenant(activity(undefined, allowed[0]), allowed)).toBeNull();
  });

  it('refuses one that names another tenant anywhere, or none', () => {
    expect(refusedTenant(activity('other'), allowed)).toEqual({ tenantId: 'other' });
    expect(refusedTenant(activity(allowed[0], 'other'), allowed)).toEqual({ tenantId: 'other' });
    expect(refusedTenant(activity(), allowed)).toEqual({ tenantId: null });
    expect(refusedTenant({ type: 'message', conversation: { tenantId: 42 } }, allowed)).toEqual({
      tenantId: '42',
    });
    expect(refusedTenant('not an activity', allowed)).toEqual({ tenantId: null });
  });

  it('serves any tenant when there is no list (auth off without TEAMS_ALLOWED_TENANTS)', () => {
    expect(refusedTenant(activity('other'), undefined)).toBeNull();
    expect(refusedTenant(activity(), undefined)).toBeNull();
  });
});
