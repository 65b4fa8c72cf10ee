// Scenario 6, bad input, Teams half: mutated activities against gapdesk's /api/messages with Bot
// Framework authentication on, as production runs it. The channel's signing keys and Entra ID
// are fakes on 127.0.0.1 (test/support), so tokens can be forged, expired or mis-addressed and
// activities can come from a foreign tenant. The app runs in this process (its transport takes
// the fakes' addresses, which `npm start` has no setting for), on a temp SQLite file, through
// its real HTTP server and the real botbuilder adapter. Checks as for Slack: no 5xx and no 2xx,
// no row written, each refusal logged once under its x-request-id, no payload in the log.

import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../src/app.js';
import { seededRandom } from '../src/cli/demo/random.js';
import { systemClock } from '../src/clock.js';
import { createLogger } from '../src/logger.js';
import { FakeBotConnector } from '../src/sandbox/fake-bot-connector.js';
import { type Activity, cardAction, message, TENANT_ID, users } from '../src/sandbox/teams-activities.js';
import { testTeams } from '../test/fixtures/teams.js';
import { FakeBotFrameworkKeys, type TokenOptions } from '../test/support/fake-bot-framework-keys.js';
import { FakeEntraId } from '../test/support/fake-entra-id.js';
import type { LogLine } from './support/gapdesk-process.js';
import { runPool } from './support/pool.js';
import { type Answer, answersByKind, refusalProblems } from './support/refusals.js';
import { rowCounts } from './support/row-counts.js';
import type { ScenarioResult } from './support/table.js';

const MARKER = 'CHAOS-PAYLOAD-MARKER';
const APP_ID = '00000000-0000-4000-9000-c4a05c4a05c4';
const APP_SECRET = 'chaos-teams-app-secret';
const FOREIGN_TENANT = '0badc0de-0000-4000-8000-tenant000666';
const FOREIGN_URL = 'https://smba.trafficmanager.net/foreign/';

type Mutation = { kind: string; body: string; contentType: string; authorization?: string };

function fromTenant(activity: Activity, tenantId: string): Activity {
  return {
    ...activity,
    serviceUrl: FOREIGN_URL,
    conversation: { ...(activity.conversation as Activity), tenantId },
    channelData: { ...(activity.channelData as Activity), tenant: { id: tenantId } },
  };
}

/** One mutated activity; `i` and `random` pick the kind and its details. */
function mutation(
  i: number,
  random: () => number,
  serviceUrl: string,
  token: (options?: Partial<TokenOptions>) => string,
): Mutation {
  const json = 'application/json';
  const said = message(serviceUrl, users.mallory, `${MARKER} ${i}`);
  const signed = (kind: string, activity: Activity | string, authorization = `Bearer ${token()}`) => ({
    kind,
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
    contentType: json,
    authorization,
  });
  const withToken = (kind: string, options: Partial<TokenOptions>) =>
    signed(kind, said, `Bearer ${token(options)}`);
  const click = cardAction(serviceUrl, users.mallory, {
    verb: 'take',
    data: { requestId: MARKER },
    replyToId: `1${i}`,
    where: 'channel',
  });
  const kinds: (() => Mutation)[] = [
    () => ({ kind: 'no token', body: JSON.stringify(said), contentType: json }),
    () => signed('not a bearer token', said, 'Basic Ym90OnNlY3JldA=='),
    () => signed('garbage token', said, `Bearer ${Buffer.from(MARKER).toString('base64url')}.e30.x`),
    () => withToken('forged token (another key)', { signedWithOtherKey: true }),
    () => withToken('token for another bot', { audience: '11111111-0000-4000-8000-000000000000' }),
    () => withToken('expired token', { expiresIn: -600 - Math.floor(random() * 86_400) }),
    () => withToken('token from another issuer', { issuer: 'https://login.example.com' }),
    () => withToken('token for another service URL', { serviceUrl: 'https://smba.example.com/emea/' }),
    () => withToken('forged card click', { signedWithOtherKey: true, serviceUrl }),
    () =>
      signed(
        'foreign tenant',
        fromTenant(i % 2 ? said : click, FOREIGN_TENANT),
        `Bearer ${token({ serviceUrl: FOREIGN_URL })}`,
      ),
    () => {
      const text = JSON.stringify(said);
      return signed('truncated JSON', text.slice(0, Math.floor(random() * (text.length - 1))));
    },
    () => signed('wrong types', { ...said, type: 42, from: MARKER, conversation: [MARKER] }),
    () => signed('no conversation', { ...said, conversation: undefined, text: MARKER }),
    () =>
      signed('huge string', {
        ...said,
        type: 7,
        text: `${MARKER}${'x'.repeat(50_000 + Math.floor(random() * 200_000))}`,
      }),
    () => signed('unknown invoke', { ...said, type: 'invoke', name: `chaos/${MARKER}`, value: MARKER }),
    () => ({
      kind: 'not JSON',
      body: `${MARKER}\u0000\u00ff`,
      contentType: 'text/plain',
      authorization: `Bearer ${token()}`,
    }),
  ];
  const pick = kinds[i % kinds.length] ?? kinds[0];
  return (pick as () => Mutation)();
}

export async function badInputTeams(options: { count: number; seed: number }): Promise<ScenarioResult> {
  const random = seededRandom(options.seed).next;
  const dir = mkdtempSync(join(tmpdir(), 'gapdesk-chaos-teams-'));
  const databaseUrl = `file:${join(dir, 'gapdesk.db')}`;
  const keys = await FakeBotFrameworkKeys.start();
  const entra = await FakeEntraId.start({ id: APP_ID, secret: APP_SECRET });
  const connector = await FakeBotConnector.start();
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const app = await createApp({
    config: {
      port: 0,
      jobRetentionDays: 14,
      databaseUrl,
      configPath: 'chaos',
      logLevel: 'info',
      timezone: 'Europe/London',
      teams: testTeams(),
      msteams: {
        auth: 'on',
        appId: APP_ID,
        appType: 'SingleTenant',
        appPassword: APP_SECRET,
        tenantId: TENANT_ID,
        allowedTenants: [TENANT_ID],
      },
    },
    logger: createLogger('info', sink),
    clock: systemClock,
    teamsTransport: { entraNetwork: entra.network, openIdMetadataUrl: keys.metadataUrl },
  });
  const notes: string[] = [];
  try {
    const server = await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = (overrides: Partial<TokenOptions> = {}) =>
      keys.token({ audience: APP_ID, serviceUrl: connector.url, ...overrides });
    // A real person has spoken to the bot first, so a refusal cannot pass for "the first contact".
    const first = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` },
      body: JSON.stringify(message(connector.url, users.riley, 'hello')),
    });
    if (first.status !== 200) notes.push(`a correctly signed message was answered ${first.status}`);
    await app.worker.drain();
    const before = await rowCounts(databaseUrl);
    const connectorCalls = connector.calls.length;
    lines.length = 0;

    const mutations = Array.from({ length: options.count }, (_, i) =>
      mutation(i, random, connector.url, token),
    );
    const answers: Answer[] = [];
    await runPool(options.count, 50, async (i) => {
      const m = mutations[i] as Mutation;
      const id = `chaos-teams-${i}`;
      const sent = Date.now();
      const headers: Record<string, string> = { 'content-type': m.contentType, 'x-request-id': id };
      if (m.authorization) headers.authorization = m.authorization;
      const status = await fetch(`${url}/api/messages`, { method: 'POST', headers, body: m.body }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => 0,
      );
      answers.push({ kind: m.kind, id, status, ms: Date.now() - sent });
    });
    await app.worker.drain();
    const health = await fetch(`${url}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    const after = await rowCounts(databaseUrl);
    const problems = [
      ...(health === 200 ? [] : [`/healthz answered ${health}`]),
      ...(connector.calls.length === connectorCalls
        ? []
        : [`the bot sent ${connector.calls.length - connectorCalls} activities to the connector`]),
      ...refusalProblems({ answers, lines, marker: MARKER, rowsBefore: before, rowsAfter: after }),
    ];
    const teamsWarnings = lines.filter(
      (line) => Number(line.level) >= 40 && String(line.msg).startsWith('Teams'),
    ).length;
    notes.push(
      ...problems.slice(0, 8),
      `answers by kind: ${answersByKind(answers)}`,
      `Teams adapter warnings: ${teamsWarnings} for ${answers.length} refusals`,
    );
    return {
      scenario: 'bad input (Teams)',
      sent: answers.length,
      acknowledged: answers.filter((a) => a.status >= 200 && a.status < 300).length,
      faults: answers.length,
      lost: 0,
      duplicated: 0,
      wrong: problems.length,
      notes,
    };
  } finally {
    await app.close();
    await connector.close();
    await entra.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
