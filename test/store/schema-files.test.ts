import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listMigrations } from '../../src/store/migrate.js';
import { PROVIDERS, renderProviderSchema } from '../../src/store/schema-files.js';

const read = (path: string) => readFileSync(new URL(`../../prisma/${path}`, import.meta.url), 'utf8');

describe('the two provider schemas', () => {
  it.each(PROVIDERS)('prisma/%s/schema.prisma is generated from models.prisma and up to date', (provider) => {
    expect(read(`${provider}/schema.prisma`)).toBe(renderProviderSchema(provider, read('models.prisma')));
  });

  it('the Kysely types in src/store/schema-types.ts are what prisma-kysely makes of models.prisma now', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    // Throws (with the script's message naming the stale file) when they are out of date.
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/prisma-generate.ts', '--check'], {
      cwd: root,
      stdio: 'pipe',
    });
  }, 60_000);

  it('every migration exists for both providers, under the same names', () => {
    const names = PROVIDERS.map((provider) => listMigrations(provider).map((m) => m.name));
    expect(names[0]).toEqual(names[1]);
    expect(names[0]?.[0]).toBe('0001_init');
  });

  it('every table in the models has a CREATE TABLE in both first migrations', () => {
    const tables = [...read('models.prisma').matchAll(/@@map\("([a-z_]+)"\)/g)].map((m) => m[1]);
    for (const provider of PROVIDERS) {
      const sql = listMigrations(provider)
        .map((m) => m.sql)
        .join('\n');
      for (const table of tables) expect(sql, `${provider}: ${table}`).toContain(`CREATE TABLE "${table}"`);
    }
  });
});
