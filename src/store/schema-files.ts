/** The two providers gapdesk runs on; their schema files differ only in the header. */
export const PROVIDERS = ['sqlite', 'postgresql'] as const;
export type Provider = (typeof PROVIDERS)[number];

export function renderProviderSchema(provider: Provider, models: string): string {
  return `// Generated from prisma/models.prisma by scripts/prisma-generate.ts: edit that file, not this one.

generator client {
  provider             = "prisma-client"
  output               = "../../src/generated/${provider}"
  moduleFormat         = "esm"
  importFileExtension  = "js"
}

datasource db {
  provider = "${provider}"
}

${models}`;
}
