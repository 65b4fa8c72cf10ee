import { beforeAll, expect, it } from 'vitest';
import type { RequestTimeline } from '../../../src/domain/report/report-schema.js';
import { assignRequest } from '../../../src/services/assign-request.js';
import { fileRequest } from '../../../src/services/file-request.js';
import { loadRequestTimeline } from '../../../src/services/report/load-request-timeline.js';
import { resolveRequest } from '../../../src/services/resolve-request.js';
import type { ServiceDeps } from '../../../src/services/service-deps.js';
import { takeRequest } from '../../../src/services/take-request.js';
import { describeEachDatabase } from '../../support/databases.js';
import { serviceHarness } from '../../support/service-harness.js';

const requester = { platform: 'slack' as const, userId: 'U0REQ', name: 'Robin Requester' };
const alex = { platform: 'slack' as const, userId: 'U0ALEX', name: 'Alex' };
const sam = { platform: 'slack' as const, userId: 'U0SAM', name: 'Sam' };

describeEachDatabase('a request’s timeline for the report', (database) => {
  let deps: ServiceDeps;
  let timeline: RequestTimeline | null;
  beforeAll(async () => {
    const h = await serviceHarness(database());
    deps = h.deps;
    const { request } = await fileRequest(deps, {
      teamId: 'facilities',
      requester,
      category: 'HVAC',
      location: 'HQ Floor 2',
      description: 'Room 2B is freezing <script>alert(1)</script>',
      neededBy: { choice: 'today' },
      source: { platform: 'slack', entry: 'slash_command' },
    });
    h.clock.advance(20 * 60_000);
    await takeRequest(deps, { requestId: request.id, actor: alex });
    h.clock.advance(10 * 60_000);
    await assignRequest(deps, { requestId: request.id, actor: alex, assignee: sam.userId });
    h.clock.advance(60 * 60_000);
    await resolveRequest(deps, { requestId: request.id, actor: sam, resolution: 'Thermostat replaced' });
    await h.worker.drain();
    // The survey as the survey services leave it once answered (they need a platform to send it).
    await database()
      .db.insertInto('surveys')
      .values({
        id: 'sv1',
        requestId: request.id,
        round: 1,
        teamId: 'facilities',
        requesterId: request.requesterId,
        dimension: 'responsiveness',
        week: '2026-W48',
        status: 'answered',
        scheduledFor: new Date('2026-11-23T12:00:00Z'),
        sentAt: new Date('2026-11-23T12:00:00Z'),
        answeredAt: new Date('2026-11-23T12:05:00Z'),
        score: -1,
        shortfall: 'response',
        comment: 'Took a while =HYPERLINK("x")',
        updatedAt: new Date(),
      })
      .execute();
    timeline = await loadRequestTimeline(deps, { teamId: 'facilities', ref: request.ref });
  });

  it('lists every event oldest first with who and when, the requester unnamed', () => {
    expect(timeline?.events.map((e) => [e.type, e.actor, e.at.toISOString()])).toEqual([
      ['filed', { role: 'requester', name: null }, '2026-11-23T09:00:00.000Z'],
      ['taken', { role: 'team', name: 'Alex' }, '2026-11-23T09:20:00.000Z'],
      ['assigned', { role: 'team', name: 'Alex' }, '2026-11-23T09:30:00.000Z'],
      ['resolved', { role: 'team', name: 'Sam' }, '2026-11-23T10:30:00.000Z'],
    ]);
    expect(timeline?.events[2]?.detail).toEqual({ assignee: 'Sam' });
    expect(timeline?.events[3]?.detail).toMatchObject({ resolution: 'Thermostat replaced' });
    expect(JSON.stringify(timeline)).not.toContain('Robin');
  });

  it('shows the promise made at filing and that it was kept', () => {
    expect(timeline?.promises).toEqual([
      {
        kind: 'acknowledge',
        madeAt: new Date('2026-11-23T09:00:00Z'),
        dueAt: new Date('2026-11-23T10:00:00Z'),
        settledAt: new Date('2026-11-23T09:20:00Z'),
        outcome: 'kept',
        slipMinutes: 0,
      },
    ]);
  });

  it('carries the request’s own fields, its words as written (escaping is the page’s job)', () => {
    expect(timeline?.request).toMatchObject({
      ref: 'FAC-1001',
      status: 'resolved',
      assignee: 'Sam',
      description: 'Room 2B is freezing <script>alert(1)</script>',
      resolution: 'Thermostat replaced',
      ackWithinSla: true,
      acknowledgedAt: new Date('2026-11-23T09:20:00Z'),
      resolvedAt: new Date('2026-11-23T10:30:00Z'),
    });
  });

  it('shows the survey answer with its comment, on the request and in its surveys', () => {
    const answer = {
      round: 1,
      dimension: 'responsiveness',
      status: 'answered',
      score: -1,
      shortfall: 'response',
      comment: 'Took a while =HYPERLINK("x")',
      answeredAt: new Date('2026-11-23T12:05:00Z'),
    };
    expect(timeline?.surveys).toEqual([answer]);
    expect(timeline?.request.survey).toEqual(answer);
  });

  it('shows nothing of a request to another team, or of a ref that does not exist', async () => {
    expect(await loadRequestTimeline(deps, { teamId: 'it', ref: 'FAC-1001' })).toBeNull();
    expect(await loadRequestTimeline(deps, { teamId: 'facilities', ref: 'FAC-9999' })).toBeNull();
  });
});
