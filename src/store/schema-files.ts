/** The two providers gapdesk runs on; their schema files differ only in the header. */
export const PROVIDERS = ['sqlite', 'postgresql'] as const;
export type Provider = (typeof PROVIDERS)[number];

/**
 * The schema file of a provider. Only PostgreSQL's carries a generator: the Kysely types come
 * from it, and hold on SQLite too (src/store/sqlite-values.ts reads its dates and booleans so).
 * `typesDir` is where the generator writes them.
 */
export function renderProviderSchema(
  provider: Provider,
  models: string,
  typesDir = '../../src/store',
): string {
  const generator =
    provider === 'postgresql'
      ? `
generator kysely {
  provider  = "prisma-kysely"
  output    = "${typesDir}"
  fileName  = "schema-types.ts"
  camelCase = true
}
`
      : '';
  return `// Generated from prisma/models.prisma by scripts/prisma-generate.ts: edit that file, not this one.
${generator}
datasource db {
  provider = "${provider}"
}

${models}`;
}
