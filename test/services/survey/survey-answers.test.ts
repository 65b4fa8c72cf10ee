import { beforeEach, expect, it } from 'vitest';
import type { SurveyView } from '../../../src/domain/survey-view.js';
import { recordComment } from '../../../src/services/survey/record-comment.js';
import { recordShortfall } from '../../../src/services/survey/record-shortfall.js';
import { recordSurveyAnswer } from '../../../src/services/survey/record-survey-answer.js';
import { reportNotFixed } from '../../../src/services/survey/report-not-fixed.js';
import { describeEachDatabase } from '../../support/databases.js';
import { surveyHarness } from '../../support/survey-harness.js';
import { alex, expectAppError, fileAndResolve, requester, stranger } from './survey-fixtures.js';

const HOUR = 60 * 60 * 1000;

describeEachDatabase('survey answers', (database) => {
  let h: Awaited<ReturnType<typeof surveyHarness>>;
  let survey: SurveyView;
  let requestId: string;
  beforeEach(async () => {
    h = await surveyHarness(database());
    requestId = (await fileAndResolve(h.deps)).id;
    h.clock.advance(HOUR);
    await h.worker.drain();
    const first = h.surveys.find((d) => d.kind === 'survey');
    if (first?.kind !== 'survey') throw new Error('no survey was sent');
    survey = first.view;
    h.surveys.length = 0;
    h.deliveries.length = 0;
  });
  const row = () =>
    database()
      .db.selectFrom('surveys')
      .selectAll()
      .where('id', '=', survey.surveyId)
      .executeTakeFirstOrThrow();
  const taps = () =>
    database()
      .db.selectFrom('surveyAnswers')
      .selectAll()
      .where('surveyId', '=', survey.surveyId)
      .orderBy('id')
      .execute();
  const requestRow = () =>
    database().db.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
  const kinds = () =>
    h.surveys.map((d) => (d.kind === 'lead-alert' ? `${d.kind}:${d.platform}:${d.trigger}` : d.kind));

  it('one tap records the answer and redraws the message as a thank-you offering a comment', async () => {
    const { view, changed } = await recordSurveyAnswer(h.deps, {
      surveyId: survey.surveyId,
      actor: requester,
      score: 1,
    });
    expect(changed).toBe(true);
    expect(view).toMatchObject({
      state: 'answered',
      score: 1,
      message: 'Thanks for your answer. It helps the team see where to improve.',
    });
    expect(await row()).toMatchObject({ status: 'answered', score: 1 });
    await h.worker.drain();
    expect(kinds()).toEqual(['survey-update']);
  });

  it('a second tap changes the answer; the last counts and both taps are kept', async () => {
    await recordSurveyAnswer(h.deps, {
      surveyId: survey.surveyId,
      actor: requester,
      score: 1,
      clickId: 'a1',
    });
    h.clock.advance(60_000);
    await recordSurveyAnswer(h.deps, {
      surveyId: survey.surveyId,
      actor: requester,
      score: 2,
      clickId: 'a2',
    });
    expect(await row()).toMatchObject({ score: 2 });
    expect((await taps()).map((t) => [t.kind, t.value])).toEqual([
      ['score', '1'],
      ['score', '2'],
    ]);
  });

  it('the same click delivered twice records once', async () => {
    await recordSurveyAnswer(h.deps, {
      surveyId: survey.surveyId,
      actor: requester,
      score: 0,
      clickId: 'same',
    });
    const again = await recordSurveyAnswer(h.deps, {
      surveyId: survey.surveyId,
      actor: requester,
      score: 0,
      clickId: 'same',
    });
    expect(again.changed).toBe(false);
    expect(await taps()).toHaveLength(1);
    await h.worker.drain();
    expect(kinds()).toEqual(['survey-update']);
  });

  it("a stranger's or a team member's tap is refused and changes nothing", async () => {
    const error = await expectAppError(
      recordSurveyAnswer(h.deps, { surveyId: survey.surveyId, actor: stranger, score: -2 }),
      'not_authorized',
    );
    expect((error as { userMessage?: string }).userMessage).toBe(
      'Only the person who filed this request can answer this survey.',
    );
    await expectAppError(
      recordSurveyAnswer(h.deps, { surveyId: survey.surveyId, actor: alex, score: 2 }),
      'not_authorized',
    );
    await expectAppError(
      reportNotFixed(h.deps, { surveyId: survey.surveyId, actor: stranger }),
      'not_authorized',
    );
    expect(await row()).toMatchObject({ status: 'sent', score: null });
    expect(await taps()).toEqual([]);
    expect((await requestRow()).status).toBe('resolved');
  });

  it('a below-expectation answer asks which R fell short and alerts the leads on every triage platform at once', async () => {
    const { view } = await recordSurveyAnswer(h.deps, {
      surveyId: survey.surveyId,
      actor: requester,
      score: -2,
    });
    expect(view.state).toBe('asking_shortfall');
    await h.worker.drain();
    // Each platform's alert has its own ordering key: they run side by side, in either order.
    expect(kinds().sort()).toEqual(['lead-alert:slack:score', 'lead-alert:teams:score', 'survey-update']);
    h.surveys.length = 0;
    const after = await recordShortfall(h.deps, {
      surveyId: survey.surveyId,
      actor: requester,
      shortfall: 'response',
    });
    expect(after.view).toMatchObject({
      state: 'answered',
      shortfall: 'response',
      message: 'Thanks for telling us. The team will look at what went wrong.',
    });
    await recordComment(h.deps, {
      surveyId: survey.surveyId,
      actor: requester,
      comment: 'Nobody told me <!channel>',
    });
    await h.worker.drain();
    expect(kinds().sort()).toEqual([
      'lead-alert:slack:comment',
      'lead-alert:slack:shortfall',
      'lead-alert:teams:comment',
      'lead-alert:teams:shortfall',
      'survey-update',
      'survey-update',
    ]);
    expect(h.surveys.filter((d) => d.kind === 'survey-update').at(-1)).toMatchObject({
      view: { score: -2, shortfall: 'response', comment: 'Nobody told me <!channel>' },
    });
    expect((await taps()).map((t) => t.kind)).toEqual(['score', 'shortfall', 'comment']);
  });

  it('a good answer alerts nobody and cannot be given a shortfall', async () => {
    await recordSurveyAnswer(h.deps, { surveyId: survey.surveyId, actor: requester, score: 2 });
    await expectAppError(
      recordShortfall(h.deps, { surveyId: survey.surveyId, actor: requester, shortfall: 'respect' }),
      'invalid_input',
    );
    await recordComment(h.deps, { surveyId: survey.surveyId, actor: requester, comment: 'Great work' });
    await h.worker.drain();
    expect(kinds()).toEqual(['survey-update', 'survey-update']);
  });

  it('Not fixed reopens the request, tells the team, and closes this survey', async () => {
    const { view } = await reportNotFixed(h.deps, { surveyId: survey.surveyId, actor: requester });
    expect(view).toMatchObject({
      state: 'not_fixed',
      message: 'Sorry it is not fixed. We have reopened the request and told the team.',
    });
    const request = await requestRow();
    expect(request).toMatchObject({ status: 'acknowledged', reopenCount: 1, resolvedAt: null });
    await h.worker.drain();
    // One card per platform; the two jobs run side by side, so in either order.
    const cards = h.deliveries.filter((d) => d.kind === 'card').map((d) => [d.platform, d.event]);
    expect(cards.sort()).toEqual([
      ['slack', 'reopened'],
      ['teams', 'reopened'],
    ]);
    expect(kinds()).toEqual(['survey-update']);
    const event = await database()
      .db.selectFrom('requestEvents')
      .selectAll()
      .where('requestId', '=', requestId)
      .where('type', '=', 'reopened')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.data)).toMatchObject({ by: 'survey' });
    await expectAppError(
      recordSurveyAnswer(h.deps, { surveyId: survey.surveyId, actor: requester, score: 2 }),
      'survey_closed',
    );
    // A repeated Not fixed click reopens nothing more.
    await reportNotFixed(h.deps, { surveyId: survey.surveyId, actor: requester });
    expect((await requestRow()).reopenCount).toBe(1);
  });

  it('one reminder after a day if unanswered, then expiry closes the survey and refuses taps', async () => {
    h.clock.advance(24 * HOUR);
    await h.worker.drain();
    h.clock.advance(24 * HOUR);
    await h.worker.drain();
    expect(kinds()).toEqual(['reminder']);
    expect((await row()).remindedAt).not.toBeNull();
    h.clock.advance(24 * HOUR);
    await h.worker.drain();
    expect(kinds()).toEqual(['reminder', 'survey-update']);
    expect(h.surveys.at(-1)).toMatchObject({
      view: { state: 'closed', message: 'This survey has closed. Thanks anyway.' },
    });
    expect(await row()).toMatchObject({ status: 'expired', score: null });
    const error = await expectAppError(
      recordSurveyAnswer(h.deps, { surveyId: survey.surveyId, actor: requester, score: 1 }),
      'survey_closed',
    );
    expect((error as { userMessage?: string }).userMessage).toBe('This survey has closed. Thanks anyway.');
  });

  it('an answered survey gets no reminder, keeps its answer at expiry and then takes no changes', async () => {
    await recordSurveyAnswer(h.deps, { surveyId: survey.surveyId, actor: requester, score: 0 });
    h.clock.advance(72 * HOUR);
    await h.worker.drain();
    expect(kinds()).toEqual(['survey-update', 'survey-update']);
    expect(await row()).toMatchObject({ status: 'answered', score: 0 });
    // The redraw at expiry drops "Add a comment".
    expect(h.surveys.at(-1)).toMatchObject({ view: { state: 'answered', acceptsChanges: false } });
    await expectAppError(
      recordComment(h.deps, { surveyId: survey.surveyId, actor: requester, comment: 'late' }),
      'survey_closed',
    );
  });

  it('an empty comment is refused with a message for the field', async () => {
    await recordSurveyAnswer(h.deps, { surveyId: survey.surveyId, actor: requester, score: 1 });
    const error = await expectAppError(
      recordComment(h.deps, { surveyId: survey.surveyId, actor: requester, comment: '   ' }),
      'invalid_input',
    );
    expect((error as { details?: { fields?: Record<string, string> } }).details?.fields).toEqual({
      comment: 'Write a few words, or close the form.',
    });
  });
});
