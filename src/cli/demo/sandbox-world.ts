import { mkdirSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createApp, type GapdeskApp } from '../../app.js';
import type { ManualClock } from '../../clock.js';
import { type Config, DEFAULT_JOB_RETENTION_DAYS } from '../../config.js';
import { gapdeskConfigSchema, resolveTeams } from '../../domain/team.js';
import type { Logger } from '../../logger.js';
import { FakeBotConnector } from '../../sandbox/fake-bot-connector.js';
import { FakeSlack } from '../../sandbox/fake-slack.js';
import { SlackSandboxPerson } from '../../sandbox/slack-person.js';
import { SlackRequests } from '../../sandbox/slack-requests.js';
import { botAddedToTeam, type TeamsUser } from '../../sandbox/teams-activities.js';
import { activityPoster, type Post, TeamsSandboxPerson } from '../../sandbox/teams-person.js';
import { DEMO_CONFIG_YAML, DEMO_STAFF, type DemoPerson, demoEmployees } from './cast.js';

const SIGNING_SECRET = 'sandbox-signing-secret';

export type SandboxWorld = {
  app: GapdeskApp;
  fakeSlack: FakeSlack;
  connector: FakeBotConnector;
  slackPerson(person: DemoPerson): SlackSandboxPerson;
  teamsPerson(person: DemoPerson): TeamsSandboxPerson;
  teamsUser(person: DemoPerson): TeamsUser;
  close(): Promise<void>;
};

/**
 * The demo's world: a sandbox Slack Web API and Bot Connector on 127.0.0.1 (the same doubles
 * the tests use), the real gapdesk app (real Bolt, real botbuilder) on a fresh SQLite file, and
 * everyone in the cast known to the sandbox and with gapdesk installed in Teams.
 */
export async function createSandboxWorld(options: {
  outDir: string;
  clock: ManualClock;
  logger: Logger;
  random: () => number;
}): Promise<SandboxWorld> {
  const fakeSlack = await FakeSlack.start({ now: () => options.clock.now() });
  const connector = await FakeBotConnector.start();
  const databaseFile = join(options.outDir, 'demo.db');
  mkdirSync(options.outDir, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
  // Known before start so the Teams digest card can embed the chart from gapdesk's own URL.
  const port = await freeLoopbackPort();
  const config: Config = {
    port,
    publicUrl: `http://127.0.0.1:${port}`,
    databaseUrl: `file:${databaseFile}`,
    jobRetentionDays: DEFAULT_JOB_RETENTION_DAYS,
    configPath: 'demo',
    logLevel: 'warn',
    timezone: 'Europe/London',
    teams: resolveTeams(gapdeskConfigSchema.parse(parse(DEMO_CONFIG_YAML))),
    slack: { botToken: 'xoxb-sandbox', signingSecret: SIGNING_SECRET, apiUrl: fakeSlack.url },
    msteams: { auth: 'off' },
  };
  const app = await createApp({
    config,
    logger: options.logger,
    clock: options.clock,
    random: options.random,
  });
  await app.listen(port, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  const slack = new SlackRequests(baseUrl, SIGNING_SECRET);
  const post: Post = activityPoster(baseUrl);
  const teamsUser = (person: DemoPerson): TeamsUser => ({
    id: `29:${person.userId}`,
    name: person.name,
    aadObjectId: person.userId,
  });
  const everyone = [...demoEmployees(), ...DEMO_STAFF];
  for (const person of everyone) {
    if (person.platform === 'slack') {
      fakeSlack.addUser({
        id: person.userId,
        name: person.name.split(' ')[0]?.toLowerCase() ?? person.userId,
        real_name: person.name,
        tz: person.timezone,
      });
    } else {
      await new TeamsSandboxPerson(teamsUser(person), connector, post).install();
    }
  }
  const teamsLead = DEMO_STAFF.find((person) => person.platform === 'teams');
  if (teamsLead) await post(botAddedToTeam(connector.url, teamsUser(teamsLead)));
  return {
    app,
    fakeSlack,
    connector,
    slackPerson: (person) => new SlackSandboxPerson(person.userId, fakeSlack, slack),
    teamsPerson: (person) => new TeamsSandboxPerson(teamsUser(person), connector, post),
    teamsUser,
    close: async () => {
      await app.close();
      await fakeSlack.close();
      await connector.close();
    },
  };
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
