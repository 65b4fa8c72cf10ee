// Writes one schema file per provider from prisma/models.prisma and generates a client for
// each. Runs offline: `prisma generate` never executes the schema engine, it only insists that
// a binary path exists, so we point it at this script (see PLATFORM-NOTES: the engine download
// host is unreachable here and on many locked-down networks).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROVIDERS, renderProviderSchema } from '../src/store/schema-files.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const models = readFileSync(`${root}prisma/models.prisma`, 'utf8');
const prismaCli = `${root}node_modules/prisma/build/index.js`;
const checkOnly = process.argv.includes('--check');

for (const provider of PROVIDERS) {
  const schemaPath = `${root}prisma/${provider}/schema.prisma`;
  const expected = renderProviderSchema(provider, models);
  if (checkOnly) {
    if (readFileSync(schemaPath, 'utf8') !== expected) {
      console.error(`${schemaPath} is out of date: run npm run prisma:generate`);
      process.exit(1);
    }
    continue;
  }
  writeFileSync(schemaPath, expected);
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', schemaPath], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: fileURLToPath(import.meta.url),
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
}
