import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { FakeBotConnector } from '../../../src/sandbox/fake-bot-connector.js';
import { message, TENANT_ID, users } from '../../../src/sandbox/teams-activities.js';
import { TEST_CONFIG_YAML } from '../../fixtures/teams.js';
import { startTestApp, type TestApp } from '../../support/app-harness.js';
import { countRows } from '../../support/databases.js';

const readFile = () => TEST_CONFIG_YAML;

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, readFile);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('Teams configuration', () => {
  it('refuses TEAMS_ALLOW_UNAUTHENTICATED together with an app id', () => {
    expect(
      problems({
        MICROSOFT_APP_ID: 'app',
        MICROSOFT_APP_PASSWORD: 'pw',
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      }),
    ).toContain(
      'TEAMS_ALLOW_UNAUTHENTICATED: cannot be true together with MICROSOFT_APP_ID (auth would be off)',
    );
  });

  it('defaults to SingleTenant, which needs the tenant id, and names what each app type is missing', () => {
    expect(problems({ MICROSOFT_APP_ID: 'app' })).toEqual([
      'MICROSOFT_APP_PASSWORD: is required for MICROSOFT_APP_TYPE=SingleTenant (the default when MICROSOFT_APP_TYPE is unset)',
      'MICROSOFT_APP_TENANT_ID: is required for MICROSOFT_APP_TYPE=SingleTenant (the default when MICROSOFT_APP_TYPE is unset)',
    ]);
    // Empty is unset (.env.example leaves it empty).
    expect(
      problems({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: '' }),
    ).toEqual([
      'MICROSOFT_APP_TENANT_ID: is required for MICROSOFT_APP_TYPE=SingleTenant (the default when MICROSOFT_APP_TYPE is unset)',
    ]);
    expect(
      problems({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_PASSWORD: 'pw' }),
    ).toEqual(['MICROSOFT_APP_TENANT_ID: is required for MICROSOFT_APP_TYPE=SingleTenant']);
    // A managed identity has no password, but it lives in one tenant.
    expect(problems({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'UserAssignedMSI' })).toEqual([
      'MICROSOFT_APP_TENANT_ID: is required for MICROSOFT_APP_TYPE=UserAssignedMSI',
    ]);
    // A multi-tenant bot is told which tenants it serves: its own, or a list.
    expect(
      problems({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'MultiTenant', MICROSOFT_APP_PASSWORD: 'pw' }),
    ).toEqual([
      'TEAMS_ALLOWED_TENANTS: is required for MICROSOFT_APP_TYPE=MultiTenant without MICROSOFT_APP_TENANT_ID (the tenant ids whose Teams may use the bot)',
    ]);
    expect(problems({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'Single' })).toEqual([
      'MICROSOFT_APP_TYPE: must be one of SingleTenant, MultiTenant, UserAssignedMSI',
    ]);
  });

  it('serves the bot’s own tenant unless TEAMS_ALLOWED_TENANTS lists others', () => {
    const registration = { MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw' };
    expect(loadConfig({ ...registration, MICROSOFT_APP_TENANT_ID: 'Tenant-A' }, readFile).msteams).toEqual({
      auth: 'on',
      appId: 'app',
      appType: 'SingleTenant',
      appPassword: 'pw',
      tenantId: 'Tenant-A',
      allowedTenants: ['tenant-a'],
    });
    const listed = loadConfig(
      { ...registration, MICROSOFT_APP_TYPE: 'MultiTenant', TEAMS_ALLOWED_TENANTS: ' Tenant-A, tenant-b ,' },
      readFile,
    );
    expect(listed.msteams).toMatchObject({
      appType: 'MultiTenant',
      allowedTenants: ['tenant-a', 'tenant-b'],
    });
    expect(
      problems({ ...registration, MICROSOFT_APP_TENANT_ID: 't', TEAMS_ALLOWED_TENANTS: 'tenant a;tenant b' }),
    ).toEqual(['TEAMS_ALLOWED_TENANTS: must be tenant ids (GUIDs) separated by commas']);
    expect(problems({ TEAMS_ALLOWED_TENANTS: 'tenant-a' })).toEqual([
      'MICROSOFT_APP_ID: is required when TEAMS_ALLOWED_TENANTS is set',
    ]);
    // Auth off (local testing): any tenant, unless a list is given.
    expect(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }, readFile).msteams).toEqual({ auth: 'off' });
    expect(
      loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_ALLOWED_TENANTS: 'tenant-a' }, readFile)
        .msteams,
    ).toEqual({ auth: 'off', allowedTenants: ['tenant-a'] });
  });

  it('refuses TEAMS_ALLOW_UNAUTHENTICATED when NODE_ENV=production', () => {
    expect(problems({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', NODE_ENV: 'production' })).toEqual([
      'TEAMS_ALLOW_UNAUTHENTICATED: is refused when NODE_ENV=production (it turns Teams authentication off; for local testing only)',
    ]);
    expect(problems({ TEAMS_ALLOW_UNAUTHENTICATED: 'false', NODE_ENV: 'production' })).toEqual([]);
    expect(problems({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', NODE_ENV: 'development' })).toEqual([]);
  });

  it('turns Teams on with auth on, with auth off only when asked, and leaves it off otherwise', () => {
    expect(
      loadConfig(
        { MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TENANT_ID: 't' },
        readFile,
      ).msteams,
    ).toMatchObject({ auth: 'on', appId: 'app' });
    expect(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }, readFile).msteams).toEqual({ auth: 'off' });
    expect(loadConfig({}, readFile).msteams).toBeUndefined();
  });
});

describe('Teams with Bot Framework auth on', () => {
  let test: TestApp | undefined;
  let connector: FakeBotConnector | undefined;
  afterEach(async () => {
    await test?.close();
    await connector?.close();
  });

  it('rejects an activity without a Bot Framework token and sends nothing', async () => {
    connector = await FakeBotConnector.start();
    test = await startTestApp({
      msteams: {
        auth: 'on',
        appId: 'app-id',
        appType: 'SingleTenant',
        appPassword: 'secret',
        tenantId: TENANT_ID,
        allowedTenants: [TENANT_ID],
      },
    });
    const response = await fetch(`${test.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message(connector.url, users.riley, 'my requests')),
    });
    expect(response.status).toBe(401);
    expect(connector.calls).toHaveLength(0);
    expect(await countRows(test.app.database.db, 'conversationRefs')).toBe(0);
  });
});
