import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../src/store/database.js';
import { describeEachDatabase } from '../../support/databases.js';
import { serviceHarness } from '../../support/service-harness.js';
import { clearTables, type DigestPost, digestReplica, ManualClock } from './digest-delivery-harness.js';

describeEachDatabase('two replicas sharing one database', (database) => {
  let second: Database;
  beforeEach(async () => {
    await serviceHarness(database());
    await clearTables(database());
    second = await openDatabase(database().url);
  });
  afterEach(async () => {
    await second.close();
  });

  it('post exactly one digest per channel per week when both schedules fire at once', async () => {
    const posts: DigestPost[] = [];
    const clock = new ManualClock('2026-11-23T14:00:00Z');
    const replicas = [
      digestReplica(database(), clock, posts, 'replica-a'),
      digestReplica(second, clock, posts, 'replica-b'),
    ];
    for (let round = 0; round < 3; round++) {
      await Promise.all(replicas.map((r) => r.scheduler.enqueueDue()));
      await Promise.all(replicas.map((r) => r.worker.drain()));
    }
    expect(posts.map((p) => `${p.team} ${p.week} ${p.platform}:${p.channel}`).sort()).toEqual([
      'facilities 2026-W47 slack:C0LEADERS',
      'facilities 2026-W47 teams:19:leaders@thread.tacv2',
      'it 2026-W47 slack:C0ITLEADS',
    ]);
    const saved = await database().db.selectFrom('digests').select(['teamId', 'week']).execute();
    expect(saved).toHaveLength(2);
  });
});
