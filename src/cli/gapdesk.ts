import { type Config, ConfigError, loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { parseDigestArgs, runDigestCommand, UsageError } from './digest-command.js';

const USAGE = `usage: gapdesk <command> [options]

commands:
  digest   preview, export or post a team's weekly gap digest (gapdesk digest --help)
  jobs     list jobs that could not be delivered, and retry them (gapdesk jobs --help)`;

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
