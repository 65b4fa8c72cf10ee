import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import {
  type Activity,
  botAddedToTeam,
  cardAction,
  message,
  personalConversation,
  TENANT_ID,
  users,
} from '../../../src/sandbox/teams-activities.js';
import { FakeBotFrameworkKeys, type TokenOptions } from '../../support/fake-bot-framework-keys.js';
import { FakeEntraId } from '../../support/fake-entra-id.js';
import {
  cardOf,
  cardTextOf,
  executeActions,
  responseCard,
  startTeamsApp,
  type TeamsTestApp,
} from './teams-harness.js';

const SECRET = 'inbound-auth-test-secret';
const FOREIGN_TENANT = '0badc0de-0000-4000-8000-tenant000666';
/** What Riley writes: it must not reach the log of a refused activity. */
const PRIVATE_TEXT = 'The lock on room 7 was forced again';

// SDK credentials keep tokens in a process-wide cache keyed by app id: each test its own app.
let apps = 0;
const nextAppId = () => `00000000-0000-4000-9000-${String(++apps).padStart(12, '0')}`;

/** The activity as it would come from a tenant of its own (both places Teams names it). */
function fromTenant(activity: Activity, tenantId: string, serviceUrl?: string): Activity {
  return {
    ...activity,
    ...(serviceUrl ? { serviceUrl } : {}),
    conversation: { ...(activity.conversation as Activity), tenantId },
    channelData: { ...(activity.channelData as Activity), tenant: { id: tenantId } },
  };
}

describe('Teams inbound activities with Bot Framework auth on (tokens signed by a fake OpenID/JWKS endpoint)', () => {
  let t: TeamsTestApp;
  let keys: FakeBotFrameworkKeys;
  let entra: FakeEntraId;
  let appId: string;
  const lines: Array<Record<string, unknown>> = [];

  beforeEach(async () => {
    appId = nextAppId();
    lines.length = 0;
    keys = await FakeBotFrameworkKeys.start();
    entra = await FakeEntraId.start({ id: appId, secret: SECRET });
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    t = await startTeamsApp({
      msteams: {
        auth: 'on',
        appId,
        appType: 'SingleTenant',
        appPassword: SECRET,
        tenantId: TENANT_ID,
        allowedTenants: [TENANT_ID],
      },
      teamsTransport: { entraNetwork: entra.network, openIdMetadataUrl: keys.metadataUrl },
      logger: createLogger('info', sink),
    });
  });
  afterEach(async () => {
    await t.close();
    await entra.close();
    await keys.close();
  });

  /** The Authorization header of an activity from Bot Framework to this bot, as changed by `options`. */
  function bearer(options: Partial<TokenOptions> = {}): { authorization: string } {
    const token = keys.token({ audience: appId, serviceUrl: t.connector.url, ...options });
    return { authorization: `Bearer ${token}` };
  }

  /** Everything an activity could make gapdesk write, row for row. */
  async function stored() {
    const db = t.app.database.db;
    return {
      conversationRefs: await db.selectFrom('conversationRefs').selectAll().orderBy('key').execute(),
      people: await db.selectFrom('people').selectAll().orderBy('id').execute(),
      requests: await db.selectFrom('requests').selectAll().execute(),
      jobs: await db.selectFrom('jobs').selectAll().execute(),
    };
  }

  // The HTTP server's own line for every 4xx ("request refused") aside: what the Teams adapter said.
  const warnings = () =>
    lines.filter((line) => Number(line.level) >= 40 && String(line.msg).startsWith('Teams'));

  it('processes a correctly signed message and card click, and answers with the bot’s own token', async () => {
    const chatId = personalConversation(users.riley).id as string;

    const said = await t.post(message(t.connector.url, users.riley, PRIVATE_TEXT), bearer());
    expect(said.status).toBe(200);
    const picker = t.connector.messagesIn(chatId).at(-1);
    expect(picker?.kind).toBe('reply');
    expect(picker?.authorization).toBe('Bearer token-1');
    const facilities = executeActions(cardOf(picker)).find((action) => action.title === 'Facilities');

    const clicked = await t.post(
      cardAction(t.connector.url, users.riley, {
        verb: 'chooseTeam',
        data: facilities?.data ?? {},
        replyToId: picker?.activityId ?? '',
        where: 'personal',
      }),
      bearer(),
    );
    expect(clicked.status).toBe(200);
    expect(cardTextOf(responseCard(clicked.body))).toContain(PRIVATE_TEXT);

    // The SDK read the fake's metadata and keys once; Entra ID gave the outgoing token, in the bot's tenant.
    expect(keys.fetched).toEqual(['/v1/.well-known/openidconfiguration', '/v1/.well-known/keys']);
    expect(entra.tokenTenants).toEqual([TENANT_ID]);
    const refs = (await stored()).conversationRefs.map((row) => row.key);
    expect(refs).toEqual(expect.arrayContaining(['bot', `user:${users.riley.aadObjectId}`]));
    expect(warnings()).toEqual([]);
  });

  it('answers 401 to a missing, unsigned, wrongly signed, mis-addressed or expired token, and writes nothing', async () => {
    const before = await stored();
    const activity = message(t.connector.url, users.riley, PRIVATE_TEXT);
    const click = cardAction(t.connector.url, users.riley, {
      verb: 'chooseTeam',
      data: { formId: 'f1', teamId: 'facilities' },
      replyToId: '1000',
      where: 'personal',
    });
    const otherBot = '11111111-0000-4000-8000-000000000000';
    // What each is, the activity, its Authorization header, and the SDK's reason for refusing it.
    const attempts: Array<[string, Activity, { authorization?: string }, string]> = [
      ['no token', activity, {}, 'Unauthorized Access. Request is not authorized'],
      [
        'not a bearer token',
        activity,
        { authorization: 'Basic Ym90OnNlY3JldA==' },
        'Unauthorized. No valid identity.',
      ],
      ['signed with another key', activity, bearer({ signedWithOtherKey: true }), 'invalid signature'],
      [
        'for another bot',
        activity,
        bearer({ audience: otherBot }),
        `Unauthorized. Invalid AppId passed on token: ${otherBot}`,
      ],
      ['expired', activity, bearer({ expiresIn: -600 }), 'The token has expired'],
      [
        'from another issuer',
        activity,
        bearer({ issuer: 'https://login.example.com' }),
        'Unauthorized. No valid identity.',
      ],
      [
        'for another service URL',
        activity,
        bearer({ serviceUrl: 'https://smba.example.com/emea/' }),
        'Unauthorized. ServiceUrl claim do not match.',
      ],
      [
        'card click signed with another key',
        click,
        bearer({ signedWithOtherKey: true }),
        'invalid signature',
      ],
    ];

    const statuses: Record<string, number> = {};
    for (const [name, body, headers] of attempts) statuses[name] = (await t.post(body, headers)).status;

    expect(statuses).toEqual(Object.fromEntries(attempts.map(([name]) => [name, 401])));
    expect(await stored()).toEqual(before);
    expect(t.connector.calls).toEqual([]);
    expect(entra.tokenRequests).toEqual([]);
    // One line per refusal, naming why, with neither the activity nor the token in it.
    expect(warnings().map((line) => [line.msg, line.reason])).toEqual(
      attempts.map(([, , , reason]) => ['Teams activity refused: no valid Bot Framework token', reason]),
    );
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(PRIVATE_TEXT);
    expect(logged).not.toContain(bearer().authorization.slice(7, 60));
  });

  it('answers 403 to a validly signed activity from another tenant, logs it once without its content, and writes nothing', async () => {
    // The bot knows its own tenant first: a foreign activity must not move its address.
    expect((await t.post(message(t.connector.url, users.riley, 'help'), bearer())).status).toBe(200);
    const before = await stored();
    t.connector.reset();
    entra.tokenRequests.length = 0;
    lines.length = 0;

    const foreignUrl = 'https://smba.trafficmanager.net/foreign/';
    const foreign = (activity: Activity) => fromTenant(activity, FOREIGN_TENANT, foreignUrl);
    const asForeign = { authorization: bearer({ serviceUrl: foreignUrl }).authorization };
    const attempts: Array<[string, Activity]> = [
      ['message', foreign(message(foreignUrl, users.mallory, PRIVATE_TEXT))],
      [
        'card click',
        foreign(
          cardAction(foreignUrl, users.mallory, {
            verb: 'chooseTeam',
            data: { formId: 'f1', teamId: 'facilities', description: PRIVATE_TEXT },
            replyToId: '1000',
            where: 'personal',
          }),
        ),
      ],
      ['bot added to a team', foreign(botAddedToTeam(foreignUrl, users.mallory))],
      [
        'own tenant in the conversation, another in channelData',
        {
          ...foreign(message(foreignUrl, users.mallory, PRIVATE_TEXT)),
          conversation: { ...personalConversation(users.mallory), tenantId: TENANT_ID },
        },
      ],
    ];

    const statuses: Record<string, number> = {};
    for (const [name, body] of attempts) statuses[name] = (await t.post(body, asForeign)).status;

    expect(statuses).toEqual(Object.fromEntries(attempts.map(([name]) => [name, 403])));
    expect(await stored()).toEqual(before);
    expect(t.connector.calls).toEqual([]);
    expect(entra.tokenRequests).toEqual([]);
    expect(warnings()).toEqual(
      attempts.map(([, body]) =>
        expect.objectContaining({
          msg: 'Teams activity refused: its tenant is not in TEAMS_ALLOWED_TENANTS',
          tenantId: FOREIGN_TENANT,
          activityType: body.type,
          requestId: expect.any(String),
        }),
      ),
    );
    expect(JSON.stringify(lines)).not.toContain(PRIVATE_TEXT);
  });

  it('refuses an activity that names no tenant (403): only listed tenants are served', async () => {
    const before = await stored();
    const activity = message(t.connector.url, users.riley, 'help');
    const { tenantId: _tenant, ...conversation } = activity.conversation as Activity;
    const untenanted = { ...activity, conversation, channelData: {} };

    expect((await t.post(untenanted, bearer())).status).toBe(403);
    expect(await stored()).toEqual(before);
    expect(warnings()).toEqual([expect.objectContaining({ tenantId: null })]);
  });

  it('answers 400 to a correctly signed activity that is not the shape of one, naming the fields but not the content, and writes nothing', async () => {
    const before = await stored();
    const activity = message(t.connector.url, users.riley, PRIVATE_TEXT);
    const { conversation: _conversation, ...unaddressed } = activity;

    const answers = [
      (await t.post(unaddressed, bearer())).status,
      (await t.post({ ...activity, from: PRIVATE_TEXT }, bearer())).status,
    ];

    expect(answers).toEqual([400, 400]);
    expect(await stored()).toEqual(before);
    expect(t.connector.calls).toEqual([]);
    expect(warnings().map((line) => [line.msg, line.fields])).toEqual([
      ['Teams activity refused: not the shape of a Bot Framework activity', ['conversation']],
      ['Teams activity refused: not the shape of a Bot Framework activity', ['from']],
    ]);
    expect(JSON.stringify(lines)).not.toContain(PRIVATE_TEXT);
  });

  it('answers 400 to an invoke gapdesk does not handle, and stores nothing of its sender', async () => {
    const before = await stored();
    const invoke = {
      ...message(t.connector.url, users.riley, PRIVATE_TEXT),
      type: 'invoke',
      name: 'task/fetch',
    };

    const answer = await t.post(invoke, bearer());

    expect(answer).toEqual({ status: 400, body: { error: 'not an invoke gapdesk handles' } });
    expect(await stored()).toEqual(before);
    expect(t.connector.calls).toEqual([]);
  });

  it('answers 500 and logs an error when Bot Framework’s signing keys cannot be loaded, and writes nothing', async () => {
    keys.unavailable = true;
    const before = await stored();

    const answer = await t.post(message(t.connector.url, users.riley, PRIVATE_TEXT), bearer());

    expect(answer.status).toBe(500);
    expect(await stored()).toEqual(before);
    expect(t.connector.calls).toEqual([]);
    expect(warnings()).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'Teams activity not served: its Bot Framework token could not be checked',
        reason: 'Failed to load openID config: 503',
      }),
    ]);
  });
});
