// Writes one schema file per provider from prisma/models.prisma, and the Kysely table types
// (src/store/schema-types.ts) from the PostgreSQL one with prisma-kysely. Both are committed,
// so installing and running gapdesk generates nothing; `--check` fails when either is out of
// date with the models (the test suite runs it). Runs offline: `prisma generate` never executes
// the schema engine, it only insists that a binary path exists, so we point it at this script
// (see PLATFORM-NOTES: the engine download host is unreachable here and on many locked-down
// networks).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROVIDERS, renderProviderSchema } from '../src/store/schema-files.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const models = readFileSync(`${root}prisma/models.prisma`, 'utf8');
const typesPath = `${root}src/store/schema-types.ts`;
const checkOnly = process.argv.includes('--check');
const stale: string[] = [];

function compareOrWrite(path: string, expected: string): void {
  if (checkOnly) {
    if (readFileSync(path, 'utf8') !== expected) stale.push(path);
  } else writeFileSync(path, expected);
}

for (const provider of PROVIDERS) {
  compareOrWrite(`${root}prisma/${provider}/schema.prisma`, renderProviderSchema(provider, models));
}
compareOrWrite(typesPath, generateTypes());

if (stale.length > 0) {
  console.error(`${stale.join(', ')} out of date with prisma/models.prisma: run npm run prisma:generate`);
  process.exit(1);
}

/** The Kysely types as prisma-kysely writes them, formatted as the project's code is. */
function generateTypes(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gapdesk-types-'));
  try {
    const schemaPath = join(dir, 'schema.prisma');
    writeFileSync(schemaPath, renderProviderSchema('postgresql', models, dir));
    execFileSync(
      process.execPath,
      [`${root}node_modules/prisma/build/index.js`, 'generate', '--schema', schemaPath],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          ...process.env,
          PATH: `${root}node_modules/.bin${delimiter}${process.env.PATH ?? ''}`,
          PRISMA_SCHEMA_ENGINE_BINARY: fileURLToPath(import.meta.url),
          PRISMA_HIDE_UPDATE_MESSAGE: '1',
        },
      },
    );
    const generated = join(dir, 'schema-types.ts');
    const header =
      '// Generated from prisma/models.prisma by scripts/prisma-generate.ts (prisma-kysely): do not edit.\n\n';
    writeFileSync(generated, header + readFileSync(generated, 'utf8'));
    execFileSync(
      process.execPath,
      [`${root}node_modules/@biomejs/biome/bin/biome`, 'format', '--write', generated],
      {
        stdio: 'ignore',
        cwd: root,
      },
    );
    return readFileSync(generated, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
