import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { FakeBotConnector } from '../../../src/sandbox/fake-bot-connector.js';
import { message, users } from '../../../src/sandbox/teams-activities.js';
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

  it('names what each app type is missing', () => {
    expect(problems({ MICROSOFT_APP_ID: 'app' })).toEqual([
      'MICROSOFT_APP_PASSWORD: is required for MICROSOFT_APP_TYPE=MultiTenant',
    ]);
    expect(
      problems({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_PASSWORD: 'pw' }),
    ).toEqual(['MICROSOFT_APP_TENANT_ID: is required for MICROSOFT_APP_TYPE=SingleTenant']);
    // A managed identity has no password, but it lives in one tenant.
    expect(problems({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'UserAssignedMSI' })).toEqual([
      'MICROSOFT_APP_TENANT_ID: is required for MICROSOFT_APP_TYPE=UserAssignedMSI',
    ]);
  });

  it('turns Teams on with auth on, with auth off only when asked, and leaves it off otherwise', () => {
    expect(loadConfig({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw' }, readFile).msteams).toEqual({
      auth: 'on',
      appId: 'app',
      appType: 'MultiTenant',
      appPassword: 'pw',
      tenantId: undefined,
    });
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
      msteams: { auth: 'on', appId: 'app-id', appType: 'MultiTenant', appPassword: 'secret' },
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
