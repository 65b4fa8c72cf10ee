import type { Config } from '../config.js';
import { applyMigrations, migrationStatus } from '../store/migrate.js';
import { type Output, UsageError } from './digest-command.js';

export const MIGRATE_USAGE = `usage: gapdesk migrate            apply every pending migration to DATABASE_URL
       gapdesk migrate --status   list the migrations, applied (when) or pending; changes nothing

The server applies pending migrations itself when it starts; run this to migrate ahead of an
upgrade, or to check a database.`;

export type MigrateArgs = { status: boolean };

export function parseMigrateArgs(argv: string[]): MigrateArgs {
  const unknown = argv.filter((arg) => arg !== '--status');
  if (unknown.length > 0) throw new UsageError(`unexpected argument "${unknown[0]}"\n\n${MIGRATE_USAGE}`);
  return { status: argv.includes('--status') };
}

export async function runMigrateCommand(config: Config, args: MigrateArgs, io: Output): Promise<number> {
  if (args.status) {
    for (const migration of await migrationStatus(config.databaseUrl)) {
      io.out(
        `${migration.name}  ${migration.appliedAt ? `applied ${migration.appliedAt.toISOString()}` : 'pending'}\n`,
      );
    }
    return 0;
  }
  const applied = await applyMigrations(config.databaseUrl);
  io.out(
    applied.length === 0
      ? 'up to date: no pending migration\n'
      : applied.map((name) => `applied ${name}\n`).join(''),
  );
  return 0;
}
