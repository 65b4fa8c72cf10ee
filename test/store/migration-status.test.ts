import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyMigrations, listMigrations, migrationStatus } from '../../src/store/migrate.js';
import { createTestDatabaseUrl, describeEachProvider } from '../support/databases.js';

describeEachProvider('gapdesk migrate --status', (provider) => {
  let created: Awaited<ReturnType<typeof createTestDatabaseUrl>>;
  beforeAll(async () => {
    created = await createTestDatabaseUrl(provider);
  });
  afterAll(() => created.drop());

  it('lists every migration as pending on a new database without creating anything, then as applied', async () => {
    const names = listMigrations(provider).map((migration) => migration.name);
    expect(await migrationStatus(created.url)).toEqual(names.map((name) => ({ name, appliedAt: null })));
    // Asking twice changes nothing: still pending, the bookkeeping table was not made.
    expect((await migrationStatus(created.url)).every((m) => m.appliedAt === null)).toBe(true);

    expect(await applyMigrations(created.url)).toEqual(names);
    const after = await migrationStatus(created.url);
    expect(after.map((m) => m.name)).toEqual(names);
    for (const migration of after) expect(migration.appliedAt).toBeInstanceOf(Date);
    expect(await applyMigrations(created.url)).toEqual([]);
  });
});
