import { type Config, ConfigError, loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { parseDigestArgs, runDigestCommand, UsageError } from './digest-command.js';

const USAGE = `usage: gapdesk <command> [options]

commands:
  digest   preview, export or post a team's weekly gap digest (gapdesk digest --help)`;

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
