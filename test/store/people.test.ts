import { expect, it } from 'vitest';
import { upsertPerson } from '../../src/store/people.js';
import { countRows, describeEachDatabase } from '../support/databases.js';

describeEachDatabase('people', (database) => {
  it('a first sighting creates the person; the same sighting again finds them unchanged', async () => {
    const { db, store } = database();
    const first = await upsertPerson(store, { platform: 'slack', userId: 'U0NEW', name: 'dana' });
    const person = () =>
      db.selectFrom('people').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    const before = await person();
    const again = await upsertPerson(store, { platform: 'slack', userId: 'U0NEW', name: 'dana' });
    const after = await person();
    expect(again).toEqual(first);
    expect(after.updatedAt).toEqual(before.updatedAt);
  });

  it('a later sighting with a new name or timezone updates the person, and one without them keeps both', async () => {
    const { store } = database();
    const first = await upsertPerson(store, { platform: 'teams', userId: 'aad-1', name: 'Sam' });
    const moved = await upsertPerson(store, {
      platform: 'teams',
      userId: 'aad-1',
      name: 'Sam Okafor',
      timezone: 'Europe/Berlin',
    });
    expect(moved).toMatchObject({ id: first.id, name: 'Sam Okafor', timezone: 'Europe/Berlin' });
    const bare = await upsertPerson(store, { platform: 'teams', userId: 'aad-1' });
    expect(bare).toMatchObject({ id: first.id, name: 'Sam Okafor', timezone: 'Europe/Berlin' });
  });

  it('two first sightings at once make one person', async () => {
    const { db, store } = database();
    const [a, b] = await Promise.all([
      upsertPerson(store, { platform: 'slack', userId: 'U0TWICE', name: 'alex' }),
      upsertPerson(store, { platform: 'slack', userId: 'U0TWICE', name: 'alex' }),
    ]);
    expect(a.id).toBe(b.id);
    expect(await countRows(db, 'people', (eb) => eb('platformUserId', '=', 'U0TWICE'))).toBe(1);
  });
});
