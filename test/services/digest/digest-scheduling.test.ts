import { DateTime } from 'luxon';
import cron from 'node-cron';
import { beforeEach, describe, expect, it } from 'vitest';
import { digestCronExpression, latestDigestFire } from '../../../src/digest-scheduler.js';
import { digestWeek } from '../../../src/domain/digest/digest-week.js';
import { describeEachDatabase } from '../../support/databases.js';
import { serviceHarness } from '../../support/service-harness.js';
import { clearTables, type DigestPost, digestReplica, ManualClock } from './digest-delivery-harness.js';

describe('when the weekly digest fires', () => {
  it('turns "mon 09:00" into a node-cron expression read in the team timezone', () => {
    expect(digestCronExpression('mon 09:00')).toBe('0 9 * * 1');
    expect(digestCronExpression('sun 17:30')).toBe('30 17 * * 0');
  });

  it('makes node-cron fire on Monday at 09:00 by the team clock, in New York too', () => {
    for (const zone of ['Europe/London', 'America/New_York']) {
      const task = cron.schedule(digestCronExpression('mon 09:00'), () => undefined, { timezone: zone });
      try {
        const next = DateTime.fromJSDate(task.getNextRun() as Date, { zone });
        expect({ weekday: next.weekday, hour: next.hour, minute: next.minute }).toEqual({
          weekday: 1,
          hour: 9,
          minute: 0,
        });
      } finally {
        task.stop();
      }
    }
  });

  it('keeps 09:00 local across the London clock change (BST → GMT on 25 Oct 2026)', () => {
    expect(latestDigestFire('mon 09:00', 'Europe/London', new Date('2026-10-19T07:59:00Z'))).toEqual(
      new Date('2026-10-12T08:00:00Z'),
    );
    expect(latestDigestFire('mon 09:00', 'Europe/London', new Date('2026-10-19T08:00:00Z'))).toEqual(
      new Date('2026-10-19T08:00:00Z'),
    );
    expect(latestDigestFire('mon 09:00', 'Europe/London', new Date('2026-10-26T08:59:00Z'))).toEqual(
      new Date('2026-10-19T08:00:00Z'),
    );
    expect(latestDigestFire('mon 09:00', 'Europe/London', new Date('2026-10-26T09:00:00Z'))).toEqual(
      new Date('2026-10-26T09:00:00Z'),
    );
  });

  it('keeps 09:00 local in New York across its clock change (EDT → EST on 1 Nov 2026)', () => {
    expect(latestDigestFire('mon 09:00', 'America/New_York', new Date('2026-10-26T13:00:00Z'))).toEqual(
      new Date('2026-10-26T13:00:00Z'),
    );
    expect(latestDigestFire('mon 09:00', 'America/New_York', new Date('2026-11-02T13:30:00Z'))).toEqual(
      new Date('2026-10-26T13:00:00Z'),
    );
    expect(latestDigestFire('mon 09:00', 'America/New_York', new Date('2026-11-02T14:00:00Z'))).toEqual(
      new Date('2026-11-02T14:00:00Z'),
    );
  });

  it('reports on a DST week of 169 hours as one week', () => {
    const week = digestWeek('2026-W43', 'Europe/London');
    expect(week.start.toISOString()).toBe('2026-10-18T23:00:00.000Z');
    expect((week.end.getTime() - week.start.getTime()) / 3_600_000).toBe(169);
    expect(week.previousWeek).toBe('2026-W42');
  });
});

describeEachDatabase('posting the weekly digest', (database) => {
  let posts: DigestPost[];
  let clock: ManualClock;
  beforeEach(async () => {
    await serviceHarness(database());
    await clearTables(database());
    posts = [];
    clock = new ManualClock('2026-11-23T09:00:00Z');
  });

  it('posts once to every configured channel, in each team timezone', async () => {
    const replica = digestReplica(database(), clock, posts, 'w1');
    expect(await replica.scheduler.enqueueDue()).toEqual(['facilities:2026-W47', 'it:2026-W46']);
    await replica.worker.drain();
    // 09:00 London is 04:00 in New York: the it team's Monday 09:00 has not come yet.
    expect(posts.map((p) => `${p.team} ${p.week} ${p.platform}:${p.channel}`).sort()).toEqual([
      'facilities 2026-W47 slack:C0LEADERS',
      'facilities 2026-W47 teams:19:leaders@thread.tacv2',
      'it 2026-W46 slack:C0ITLEADS',
    ]);
    clock.set('2026-11-23T13:59:00Z');
    expect(await replica.scheduler.enqueueDue()).toEqual([]);
    clock.set('2026-11-23T14:00:00Z');
    expect(await replica.scheduler.enqueueDue()).toEqual(['it:2026-W47']);
    await replica.worker.drain();
    expect(posts.filter((p) => p.team === 'it').map((p) => p.week)).toEqual(['2026-W46', '2026-W47']);
    expect(posts.every((p) => p.pngBytes > 0)).toBe(true);
  });

  it('never posts twice when the schedule fires again or the app restarts', async () => {
    const first = digestReplica(database(), clock, posts, 'w1');
    await first.scheduler.enqueueDue();
    await first.worker.drain();
    const restarted = digestReplica(database(), clock, posts, 'w2');
    clock.advance(60_000);
    await restarted.scheduler.enqueueDue();
    await restarted.worker.drain();
    expect(posts.filter((p) => p.team === 'facilities')).toHaveLength(2);
  });

  it('after downtime, posts only the latest missed week', async () => {
    const replica = digestReplica(database(), clock, posts, 'w1');
    await replica.scheduler.enqueueDue();
    await replica.worker.drain();
    // Down for three Mondays; back on Wednesday.
    clock.set('2026-12-16T12:00:00Z');
    await replica.scheduler.enqueueDue();
    await replica.worker.drain();
    expect(posts.filter((p) => p.team === 'facilities' && p.platform === 'slack').map((p) => p.week)).toEqual(
      ['2026-W47', '2026-W50'],
    );
  });

  it('a post interrupted by a crash is finished by the next worker, exactly once', async () => {
    const crashed = digestReplica(database(), clock, posts, 'crashed');
    await crashed.scheduler.enqueueDue();
    // The crashed replica prepared the digest, then died holding both post jobs.
    await crashed.queue.claim('crashed', clock.now(), 60_000, 1).then(async ([prepare]) => {
      const handler = crashed.handlers.find((h) => h.kind === 'digest.prepare');
      const context = { idempotencyKey: '', attempt: 1, jobId: prepare?.id ?? 0, queuedAt: clock.now() };
      await handler?.run(prepare?.payload, context);
      await crashed.queue.complete(prepare as NonNullable<typeof prepare>, clock.now());
    });
    const held = await crashed.queue.claim('crashed', clock.now(), 60_000, 10);
    const heldPosts = held.filter((job) => job.kind === 'digest.post');
    expect(heldPosts).toHaveLength(2);
    // It got as far as posting (and recording) the first channel before dying.
    const post = crashed.handlers.find((h) => h.kind === 'digest.post');
    const context = { idempotencyKey: '', attempt: 1, jobId: heldPosts[0]?.id ?? 0, queuedAt: clock.now() };
    await post?.run(heldPosts[0]?.payload, context);
    expect(posts).toHaveLength(1);

    const next = digestReplica(database(), clock, posts, 'next');
    clock.advance(61_000);
    await next.worker.drain();
    expect(posts.map((p) => `${p.team} ${p.platform}`).sort()).toEqual([
      'facilities slack',
      'facilities teams',
      'it slack',
    ]);
  });
});
