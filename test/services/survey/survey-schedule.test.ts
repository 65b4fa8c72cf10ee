import { beforeEach, expect, it } from 'vitest';
import { DIMENSIONS } from '../../../src/domain/dimensions.js';
import { cancelRequest } from '../../../src/services/cancel-request.js';
import { reopenRequest } from '../../../src/services/reopen-request.js';
import { resolveRequest } from '../../../src/services/resolve-request.js';
import { recordSurveyAnswer } from '../../../src/services/survey/record-survey-answer.js';
import { describeEachDatabase } from '../../support/databases.js';
import { surveyHarness } from '../../support/survey-harness.js';
import { alex, fileAndResolve, requester } from './survey-fixtures.js';

const HOUR = 60 * 60 * 1000;

describeEachDatabase('survey scheduling', (database) => {
  let h: Awaited<ReturnType<typeof surveyHarness>>;
  beforeEach(async () => {
    // Monday 23 Nov 2026, 09:00 London (GMT)
    h = await surveyHarness(database());
  });
  const surveyRows = () =>
    database().db.selectFrom('surveys').selectAll().orderBy('createdAt').orderBy('round').execute();
  const sent = () => h.surveys.flatMap((d) => (d.kind === 'survey' ? [d] : []));

  it('a resolved request is surveyed after the team delay, not before', async () => {
    await fileAndResolve(h.deps);
    await h.worker.drain();
    const [row] = await surveyRows();
    expect(row).toMatchObject({ status: 'scheduled', round: 0, week: '2026-W48', skipReason: null });
    expect(row?.scheduledFor.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    h.clock.set('2026-11-23T09:59:00Z');
    await h.worker.drain();
    expect(sent()).toEqual([]);
    h.clock.set('2026-11-23T10:00:00Z');
    await h.worker.drain();
    expect(sent()).toHaveLength(1);
    const view = sent()[0]?.view;
    expect(view).toMatchObject({
      state: 'open',
      requester: { platform: 'slack', userId: 'U0REQ' },
      request: { ref: 'FAC-1001', summary: 'Room 2B is freezing' },
      intro: 'FAC-1001 "Room 2B is freezing" was resolved. One quick question, one tap:',
    });
    expect(DIMENSIONS).toContain(view?.dimension);
    expect((await surveyRows())[0]).toMatchObject({ status: 'sent' });
  });

  it("holds the survey until working hours in the requester's own timezone", async () => {
    // 09:00 London is 18:00 in Tokyo; +1 h is 19:00 there, after the 09:00–18:00 window.
    await fileAndResolve(h.deps, { ...requester, timezone: 'Asia/Tokyo' });
    await h.worker.drain();
    h.clock.set('2026-11-23T23:59:00Z');
    await h.worker.drain();
    expect(sent()).toEqual([]);
    // Tuesday 09:00 Tokyo.
    h.clock.set('2026-11-24T00:00:00Z');
    await h.worker.drain();
    expect(sent()).toHaveLength(1);
  });

  it('does not ask at the weekend: a Friday evening resolution is asked on Monday morning', async () => {
    h.clock.set('2026-11-27T17:30:00Z');
    await fileAndResolve(h.deps);
    await h.worker.drain();
    h.clock.set('2026-11-29T12:00:00Z');
    await h.worker.drain();
    expect(sent()).toEqual([]);
    h.clock.set('2026-11-30T09:00:00Z');
    await h.worker.drain();
    expect(sent()).toHaveLength(1);
  });

  it('does not survey a member of the team that handled the request, and records why', async () => {
    await fileAndResolve(h.deps, { platform: 'teams', userId: 'aad-sam', name: 'Sam' });
    await h.worker.drain();
    h.clock.advance(4 * HOUR);
    await h.worker.drain();
    expect(await surveyRows()).toMatchObject([
      { status: 'skipped', skipReason: 'requester_is_team_member', dimension: null },
    ]);
    expect(sent()).toEqual([]);
  });

  it('asks one person at most twice a week; the third is skipped with the reason fatigue_cap', async () => {
    for (const description of ['Room 2B is freezing', 'Lamp broken', 'Door sticks']) {
      await fileAndResolve(h.deps, requester, description);
      await h.worker.drain();
    }
    h.clock.advance(4 * HOUR);
    await h.worker.drain();
    expect((await surveyRows()).map((row) => [row.status, row.skipReason])).toEqual([
      ['sent', null],
      ['sent', null],
      ['skipped', 'fatigue_cap'],
    ]);
    expect(sent()).toHaveLength(2);
  });

  it('a request reopened before its survey went out is not surveyed for that resolution, but is after the next', async () => {
    const request = await fileAndResolve(h.deps);
    await h.worker.drain();
    await reopenRequest(h.deps, { requestId: request.id, actor: requester, by: 'requester' });
    await resolveRequest(h.deps, { requestId: request.id, actor: alex, resolution: 'Replaced the valve' });
    await h.worker.drain();
    h.clock.advance(2 * HOUR);
    await h.worker.drain();
    expect((await surveyRows()).map((row) => [row.round, row.status, row.skipReason])).toEqual([
      [0, 'skipped', 'request_reopened'],
      [1, 'sent', null],
    ]);
    expect(sent().map((d) => d.view.round)).toEqual([1]);
  });

  it('a reopened request resolved again after its first survey was answered is surveyed again', async () => {
    const request = await fileAndResolve(h.deps);
    h.clock.advance(HOUR);
    await h.worker.drain();
    const first = sent()[0]?.view.surveyId as string;
    await recordSurveyAnswer(h.deps, { surveyId: first, actor: requester, score: 1 });
    await reopenRequest(h.deps, { requestId: request.id, actor: requester, by: 'requester' });
    await resolveRequest(h.deps, { requestId: request.id, actor: alex, resolution: 'Fixed for real' });
    h.clock.advance(HOUR);
    await h.worker.drain();
    expect(sent().map((d) => d.view.round)).toEqual([0, 1]);
  });

  it('a request cancelled before its survey went out is not surveyed', async () => {
    const request = await fileAndResolve(h.deps);
    await h.worker.drain();
    await reopenRequest(h.deps, { requestId: request.id, actor: requester, by: 'requester' });
    await cancelRequest(h.deps, { requestId: request.id, actor: requester, reason: 'Moved desks' });
    h.clock.advance(2 * HOUR);
    await h.worker.drain();
    expect(await surveyRows()).toMatchObject([{ status: 'skipped', skipReason: 'request_cancelled' }]);
  });

  it("rotates dimensions within a team's week: 25 surveys ask each dimension five times", async () => {
    for (let i = 0; i < 25; i += 1) {
      await fileAndResolve(h.deps, { platform: 'slack', userId: `U0R${i}`, name: `R${i}` }, `Job ${i}`);
    }
    await h.worker.drain();
    const rows = await surveyRows();
    const counts = Object.fromEntries(
      DIMENSIONS.map((d) => [d, rows.filter((r) => r.dimension === d).length]),
    );
    expect(counts).toEqual({ reliability: 5, responsiveness: 5, assurance: 5, empathy: 5, tangibles: 5 });
  });

  it('surveys survive a restart: a new worker on the same database sends, reminds and expires them', async () => {
    await fileAndResolve(h.deps);
    await h.worker.drain();
    h.restart();
    h.clock.advance(HOUR);
    await h.worker.drain();
    expect(sent()).toHaveLength(1);
    h.restart();
    h.clock.advance(24 * HOUR);
    await h.worker.drain();
    expect(h.surveys.filter((d) => d.kind === 'reminder')).toHaveLength(1);
    h.restart();
    h.clock.advance(48 * HOUR);
    await h.worker.drain();
    expect((await surveyRows())[0]).toMatchObject({ status: 'expired' });
    expect(h.surveys.at(-1)).toMatchObject({ kind: 'survey-update', view: { state: 'closed' } });
  });
});
