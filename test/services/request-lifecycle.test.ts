import { beforeEach, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import type { ActionResult } from '../../src/services/apply-request-action.js';
import { assignRequest } from '../../src/services/assign-request.js';
import { cancelRequest } from '../../src/services/cancel-request.js';
import { changePriority } from '../../src/services/change-priority.js';
import { deferRequest } from '../../src/services/defer-request.js';
import { fileRequest } from '../../src/services/file-request.js';
import { listMyRequests, listTeamQueue } from '../../src/services/list-requests.js';
import { loadRequestView, viewAfterAction } from '../../src/services/load-request-view.js';
import { reopenRequest } from '../../src/services/reopen-request.js';
import { resolveRequest } from '../../src/services/resolve-request.js';
import { takeRequest } from '../../src/services/take-request.js';
import { waitOnRequest } from '../../src/services/wait-on-request.js';
import { countRows, describeEachDatabase } from '../support/databases.js';
import { serviceHarness } from '../support/service-harness.js';

const requester = { platform: 'slack' as const, userId: 'U0REQ', name: 'Robin' };
const alex = { platform: 'slack' as const, userId: 'U0ALEX', name: 'Alex' };
const sam = { platform: 'slack' as const, userId: 'U0SAM', name: 'Sam' };
const stranger = { platform: 'slack' as const, userId: 'U0NOPE', name: 'Nope' };

const form = {
  teamId: 'facilities',
  requester,
  category: 'HVAC',
  location: 'HQ Floor 2',
  description: 'Meeting room 2B is freezing',
  neededBy: { choice: 'today' as const },
  source: { platform: 'slack' as const, entry: 'slash_command' as const },
};

async function expectAppError(promise: Promise<unknown>, code: string): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error) && error.code).toBe(code);
  return error as Error;
}

describeEachDatabase('request lifecycle services', (database) => {
  let h: Awaited<ReturnType<typeof serviceHarness>>;
  beforeEach(async () => {
    // Monday 23 Nov 2026, 09:00 London (GMT)
    h = await serviceHarness(database());
  });

  it('filing persists the request with a reference, a default priority from needed-by, and tells the requester and both triage channels', async () => {
    const { request, created } = await fileRequest(h.deps, form);
    expect(created).toBe(true);
    expect(request).toMatchObject({
      ref: 'FAC-1001',
      status: 'open',
      priority: 'high',
      neededByChoice: 'today',
    });
    expect(request.neededBy?.toISOString()).toBe('2026-11-23T18:00:00.000Z');
    // high: acknowledge within 1 business hour, resolve within 1 business day (10 h)
    expect(request.slaAckDueAt?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(request.slaResolveDueAt?.toISOString()).toBe('2026-11-24T09:00:00.000Z');
    expect(request.neededByTighter).toBe(true);
    await h.worker.drain();
    // Jobs of different ordering keys run side by side: their order among themselves is not promised.
    const byTarget = (d: { kind: string; platform: string }) => `${d.kind}:${d.platform}`;
    expect([...h.deliveries].sort((x, y) => byTarget(x).localeCompare(byTarget(y)))).toEqual([
      { kind: 'card', platform: 'slack', ref: 'FAC-1001', event: 'filed', status: 'open', assignee: null },
      { kind: 'card', platform: 'teams', ref: 'FAC-1001', event: 'filed', status: 'open', assignee: null },
      { kind: 'dm', platform: 'slack', ref: 'FAC-1001', event: 'filed', status: 'open', to: 'U0REQ' },
    ]);
    expect((await fileRequest(h.deps, form)).request.ref).toBe('FAC-1002');
  });

  it('the same submission filed twice (a platform retry) creates one request', async () => {
    const first = await fileRequest(h.deps, { ...form, idempotencyKey: 'view-123' });
    const second = await fileRequest(h.deps, { ...form, idempotencyKey: 'view-123' });
    expect(second).toEqual({ request: first.request, created: false });
    expect(await countRows(database().db, 'requests')).toBe(1);
  });

  it('an invalid form is refused with an error for each field and nothing is stored', async () => {
    const error = await expectAppError(
      fileRequest(h.deps, { ...form, category: 'Spaceships', description: 'x' }),
      'invalid_input',
    );
    expect(isAppError(error) && error.details.fields).toEqual({
      description: 'Tell us a little more (at least 3 characters).',
    });
    const categoryError = await expectAppError(
      fileRequest(h.deps, { ...form, category: 'Spaceships' }),
      'invalid_input',
    );
    expect(isAppError(categoryError) && categoryError.details.fields).toEqual({
      category: 'Pick one of the listed categories.',
    });
    const dateError = await expectAppError(
      fileRequest(h.deps, { ...form, neededBy: { choice: 'date', date: '2026-11-01' } }),
      'invalid_input',
    );
    expect(isAppError(dateError) && dateError.details.fields).toEqual({
      neededBy: 'Pick a date from today on.',
    });
    expect(await countRows(database().db, 'requests')).toBe(0);
  });

  it('a second click on Take does not reassign, and someone else is told who has it', async () => {
    const { request } = await fileRequest(h.deps, form);
    const taken = await takeRequest(h.deps, { requestId: request.id, actor: alex });
    expect(taken.changed).toBe(true);
    expect(taken.request.status).toBe('acknowledged');
    expect((await takeRequest(h.deps, { requestId: request.id, actor: alex })).changed).toBe(false);
    const error = await expectAppError(
      takeRequest(h.deps, { requestId: request.id, actor: sam }),
      'already_taken',
    );
    expect(isAppError(error) && error.details.assigneeId).toBe(taken.request.assigneeId);
    expect(isAppError(error) && error.userMessage).toBe('Alex already has FAC-1001.');
    expect(await countRows(database().db, 'requestEvents', (eb) => eb('type', '=', 'taken'))).toBe(1);
  });

  it("the view of an action's outcome, from what its transaction read, is the view a fresh load gives", async () => {
    const { request } = await fileRequest(h.deps, form);
    const requestId = request.id;
    // Two hours on, so a clock paused by waiting shows in the SLA.
    const now = new Date(h.deps.clock.now().getTime() + 2 * 3_600_000);
    const reused: boolean[] = [];
    const check = async (outcome: ActionResult) => {
      reused.push(outcome.seen !== undefined);
      expect(await viewAfterAction(h.deps, outcome, now)).toEqual(
        await loadRequestView(h.deps, requestId, now),
      );
    };
    await check(await takeRequest(h.deps, { requestId, actor: alex }));
    // A repeat click read nothing to reuse: its view is loaded.
    await check(await takeRequest(h.deps, { requestId, actor: alex }));
    await check(await assignRequest(h.deps, { requestId, actor: alex, assignee: sam.userId }));
    await check(
      await waitOnRequest(h.deps, { requestId, actor: sam, on: 'resources', note: 'Part on order' }),
    );
    await check(await resolveRequest(h.deps, { requestId, actor: alex, resolution: 'Thermostat replaced' }));
    expect(reused).toEqual([true, false, true, true, true]);
  });

  it('two simultaneous Takes end with one owner and one refusal', async () => {
    const { request } = await fileRequest(h.deps, form);
    const results = await Promise.allSettled([
      takeRequest(h.deps, { requestId: request.id, actor: alex }),
      takeRequest(h.deps, { requestId: request.id, actor: sam }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && isAppError(rejected.reason, 'already_taken')).toBe(true);
  });

  it('someone outside the team cannot act and nothing changes', async () => {
    const { request } = await fileRequest(h.deps, form);
    const error = await expectAppError(
      takeRequest(h.deps, { requestId: request.id, actor: stranger }),
      'not_authorized',
    );
    expect(isAppError(error) && error.userMessage).toBe('Only the Facilities team can do that.');
    const row = await database()
      .db.selectFrom('requests')
      .selectAll()
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
  });

  it('an impossible transition is an error, not a silent no-op', async () => {
    const { request } = await fileRequest(h.deps, form);
    await expectAppError(
      reopenRequest(h.deps, { requestId: request.id, actor: requester, by: 'requester' }),
      'invalid_transition',
    );
  });

  it('defer needs a date and a reason, and records the promise the requester was given', async () => {
    const { request } = await fileRequest(h.deps, form);
    const missing = await expectAppError(
      deferRequest(h.deps, { requestId: request.id, actor: alex, until: '2026-11-27', reason: '' }),
      'invalid_input',
    );
    expect(isAppError(missing) && Object.keys(missing.details.fields as object)).toEqual(['reason']);
    const { request: deferred } = await deferRequest(h.deps, {
      requestId: request.id,
      actor: alex,
      until: '2026-11-27',
      reason: 'Waiting for a part from the supplier',
    });
    expect(deferred).toMatchObject({
      status: 'deferred',
      deferReason: 'Waiting for a part from the supplier',
    });
    expect(deferred.deferredUntil?.toISOString()).toBe('2026-11-27T18:00:00.000Z');
    const promises = await database()
      .db.selectFrom('requestPromises')
      .selectAll()
      .where('requestId', '=', request.id)
      .orderBy('id')
      .execute();
    expect(promises.map((p) => [p.kind, p.outcome])).toEqual([
      ['acknowledge', 'kept'],
      ['resolve_by', null],
    ]);
    h.clock.set('2026-11-30T10:00:00Z');
    await resolveRequest(h.deps, {
      requestId: request.id,
      actor: alex,
      resolution: 'Replaced the thermostat',
    });
    const settled = await database()
      .db.selectFrom('requestPromises')
      .selectAll()
      .where('requestId', '=', request.id)
      .where('kind', '=', 'resolve_by')
      .executeTakeFirstOrThrow();
    // due Fri 27 Nov 18:00, kept Mon 30 Nov 10:00: 64 hours late
    expect(settled).toMatchObject({ outcome: 'missed', slipMinutes: 64 * 60 });
  });

  it('waiting on the requester needs a note and stops the SLA clock', async () => {
    const { request } = await fileRequest(h.deps, form);
    await takeRequest(h.deps, { requestId: request.id, actor: alex });
    await expectAppError(
      waitOnRequest(h.deps, { requestId: request.id, actor: alex, on: 'requester' }),
      'invalid_input',
    );
    h.clock.set('2026-11-23T10:00:00Z');
    const { request: waiting } = await waitOnRequest(h.deps, {
      requestId: request.id,
      actor: alex,
      on: 'requester',
      note: 'Which room exactly?',
    });
    expect(waiting.slaResolveDueAt).toBeNull();
    h.clock.set('2026-11-23T12:00:00Z');
    const { request: resolved } = await resolveRequest(h.deps, {
      requestId: request.id,
      actor: alex,
      resolution: 'Fixed the valve',
    });
    // 1 h before the pause; the 2 h pause does not count
    expect(resolved.resolvedAt?.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    const row = await database()
      .db.selectFrom('requests')
      .selectAll()
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      resolveMinutes: 60,
      resolveWithinSla: true,
      ackWithinSla: true,
      ackMinutes: 0,
    });
  });

  it('an SLA warning and a breach are alerted on each triage channel once, and not after acknowledgement', async () => {
    const { request } = await fileRequest(h.deps, { ...form, neededBy: { choice: 'within_hour' } });
    // urgent: acknowledge within 15 min → warning at 12 min, breach at 15 min
    await h.worker.drain();
    h.clock.set('2026-11-23T09:12:00Z');
    await h.worker.drain();
    await h.worker.drain();
    const alerts = () => h.deliveries.filter((d) => d.kind === 'sla');
    // One alert per platform; the two run side by side, so in either order.
    expect(
      alerts()
        .map((a) => a.kind === 'sla' && `${a.platform} ${a.alert.clock} ${a.alert.phase}`)
        .sort(),
    ).toEqual(['slack acknowledge warning', 'teams acknowledge warning']);
    await takeRequest(h.deps, { requestId: request.id, actor: alex });
    h.clock.set('2026-11-23T09:20:00Z');
    await h.worker.drain();
    await h.worker.drain();
    expect(alerts()).toHaveLength(2);
  });

  it('the requester can cancel and reopen their own request; the team is told each time', async () => {
    const { request } = await fileRequest(h.deps, form);
    await expectAppError(cancelRequest(h.deps, { requestId: request.id, actor: alex }), 'not_authorized');
    await resolveRequest(h.deps, { requestId: request.id, actor: alex, resolution: 'Turned the heating up' });
    const { request: reopened } = await reopenRequest(h.deps, {
      requestId: request.id,
      actor: requester,
      by: 'survey',
      reason: 'Still cold',
    });
    expect(reopened).toMatchObject({ status: 'acknowledged', reopenCount: 1, resolvedAt: null });
    const { request: cancelled } = await cancelRequest(h.deps, { requestId: request.id, actor: requester });
    expect(cancelled.status).toBe('cancelled');
    await h.worker.drain();
    const cardEvents = h.deliveries
      .filter((d) => d.kind === 'card' && d.platform === 'slack')
      .map((d) => d.kind === 'card' && d.event);
    expect(cardEvents).toEqual(['filed', 'resolved', 'reopened', 'cancelled']);
  });

  it('a priority change moves the SLA due times and is not sent to the requester', async () => {
    const { request } = await fileRequest(h.deps, form);
    const { request: changed } = await changePriority(h.deps, {
      requestId: request.id,
      actor: sam,
      priority: 'low',
    });
    expect(changed.slaAckDueAt?.toISOString()).toBe('2026-11-24T09:00:00.000Z');
    await h.worker.drain();
    expect(h.deliveries.filter((d) => d.kind === 'dm').map((d) => d.kind === 'dm' && d.event)).toEqual([
      'filed',
    ]);
  });

  it("lists a requester's requests and the team queue, unacknowledged first then by SLA due time", async () => {
    const a = await fileRequest(h.deps, { ...form, neededBy: { choice: 'no_rush' } });
    const b = await fileRequest(h.deps, { ...form, neededBy: { choice: 'within_hour' } });
    const c = await fileRequest(h.deps, { ...form, neededBy: { choice: 'this_week' } });
    await takeRequest(h.deps, { requestId: a.request.id, actor: alex });
    await takeRequest(h.deps, { requestId: b.request.id, actor: alex });
    await resolveRequest(h.deps, { requestId: b.request.id, actor: alex, resolution: 'Done and dusted' });
    const queue = await listTeamQueue(h.deps, 'facilities');
    expect(queue.map((r) => r.ref)).toEqual([c.request.ref, a.request.ref]);
    const mine = await listMyRequests(h.deps, requester);
    expect(mine.open.map((r) => r.ref).sort()).toEqual([a.request.ref, c.request.ref].sort());
    expect(mine.recent.map((r) => r.ref)).toEqual([b.request.ref]);
  });
});
