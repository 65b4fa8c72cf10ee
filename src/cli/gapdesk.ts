#!/usr/bin/env node
import { type Config, ConfigError, loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { parseDigestArgs, runDigestCommand, UsageError } from './digest-command.js';

const USAGE = `usage: gapdesk <command> [options]

commands:
  serve    run the server: Slack and Teams endpoints, the job worker, the schedules (gapdesk serve --help)
  migrate  apply pending database migrations, or list them with --status (gapdesk migrate --help)
  digest   preview, export or post a team's weekly gap digest (gapdesk digest --help)
  jobs     list jobs that could not be delivered, and retry them (gapdesk jobs --help)

Settings come from the environment; every one is in docs/configuration.md (template: .env.example).`;

const SERVE_USAGE = `usage: gapdesk serve

Runs gapdesk as npm start does (node dist/main.js): listens on PORT for /slack/events and
/api/messages (or connects to Slack over Socket Mode), runs the job worker and the weekly
schedules, and applies pending migrations first. SIGTERM drains and stops it.`;

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(text);

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      err(`gapdesk: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === 'help') {
    out(`${USAGE}\n`);
    return 0;
  }
  if (command === 'serve') {
    if (rest.includes('--help')) {
      out(`${SERVE_USAGE}\n`);
      return 0;
    }
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"\n\n${SERVE_USAGE}`);
    await import('../main.js');
    return 0;
  }
  if (command === 'migrate') {
    const { MIGRATE_USAGE, parseMigrateArgs, runMigrateCommand } = await import('./migrate-command.js');
    if (rest.includes('--help')) {
      out(`${MIGRATE_USAGE}\n`);
      return 0;
    }
    return runMigrateCommand(readConfig(), parseMigrateArgs(rest), { out, err });
  }
  if (command === 'digest') {
    if (rest.includes('--help')) {
      out(`${(await import('./digest-command.js')).DIGEST_USAGE}\n`);
      return 0;
    }
    const args = parseDigestArgs(rest);
    return runDigestCommand(readConfig(), args, { out, err });
  }
  if (command === 'jobs') {
    const { JOBS_USAGE, parseJobsArgs, runJobsCommand } = await import('./jobs-command.js');
    if (rest.length === 0 || rest.includes('--help')) {
      out(`${JOBS_USAGE}\n`);
      return rest.length === 0 ? 2 : 0;
    }
    return runJobsCommand(readConfig(), parseJobsArgs(rest), { out, err });
  }
  err(`${command ? `gapdesk: unknown command "${command}"\n\n` : ''}${USAGE}\n`);
  return 2;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    err(`gapdesk: ${error.message}\n`);
    process.exitCode = 2;
  } else if (error instanceof AppError) {
    err(`gapdesk: ${error.message}\n`);
    process.exitCode = 2;
  } else throw error;
}
