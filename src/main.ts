import { createApp } from './app.js';
import { demoBanner } from './cli/demo/demo-link.js';
import { type Config, ConfigError, loadConfig, secretsOf } from './config.js';
import { isAppError } from './errors.js';
import { routeConsole } from './library-log.js';
import { createLogger } from './logger.js';
import { drainOnSignals } from './shutdown.js';

const NO_PLATFORM_MESSAGE = `gapdesk: no chat platform is configured, so there is nothing to serve.

  Slack needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET            (see docs/slack-setup.md)
        or SLACK_BOT_TOKEN and SLACK_APP_TOKEN for Socket Mode (no public URL needed)
  Teams needs MICROSOFT_APP_ID (+ password/tenant for its app type) (see docs/teams-setup.md)
        or TEAMS_ALLOW_UNAUTHENTICATED=true for local testing only

  To see gapdesk work a whole week without any account:  npm run demo
  Every setting is described in docs/configuration.md.
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`gapdesk: ${error.message}`);
    throw error;
  }
}

const config = readConfig();
if (!config.slack && !config.msteams && !config.demo) fail(NO_PLATFORM_MESSAGE);

const logger = createLogger(config.logLevel, undefined, { secrets: secretsOf(config) });
// botbuilder prints with console; its lines go through the logger like everything else.
routeConsole(logger, 'botbuilder');
if (config.msteams?.auth === 'off') {
  logger.warn(
    '!!! TEAMS_ALLOW_UNAUTHENTICATED=true: /api/messages accepts unauthenticated Bot Framework traffic. For local testing only. !!!',
  );
}
// The demo's database is served as it was left: no schedule, no jobs.
const app = await createApp({ config, logger, ticker: !config.demo, jobs: !config.demo });
try {
  // The demo's secret is public: its pages stay on this machine.
  await app.listen(config.port, config.demo ? '127.0.0.1' : undefined);
} catch (error) {
  // Socket Mode could not connect (a refused app token): a configuration problem, said as one.
  if (!isAppError(error, 'platform_error')) throw error;
  await app.close();
  fail(`gapdesk: ${error.message}`);
}
logger.info(
  {
    port: config.port,
    platforms: app.deps.platforms,
    ...(config.slack ? { slack: config.slack.appToken ? 'socket-mode' : 'http' } : {}),
    database: app.database.provider,
    teams: config.teams.map((t) => t.id),
  },
  'gapdesk listening',
);
if (config.demo) process.stderr.write(demoBanner(config, new Date()));
else app.worker.kick();

drainOnSignals(() => app.close(), logger, { timeoutMs: config.shutdownTimeoutMs });
