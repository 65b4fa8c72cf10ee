import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackCall } from '../../../src/sandbox/fake-slack.js';
import {
  ALEX,
  DANA,
  deliver,
  dmsTo,
  EVE,
  fileBySlash,
  openedModal,
  requestIdOf,
  SAM,
  SLACK_TRANSPORTS,
  type SlackTestbed,
  startSlackTestbed,
  submitModal,
  TRIAGE_CHANNEL,
  threadReplies,
} from './slack-harness.js';

const HOUR = 60 * 60 * 1000;
const isSurvey = (call: SlackCall) => JSON.stringify(call.params.blocks ?? []).includes('survey_score:');
const buttons = (call: SlackCall | undefined) =>
  JSON.stringify(call?.params.blocks ?? [])
    .match(/"text":\{"type":"plain_text","text":"[^"]+"\}/g)
    ?.map((m) => m.replace(/.*"text":"([^"]+)"\}$/, '$1')) ?? [];

describe.each(SLACK_TRANSPORTS)('micro-survey in Slack (%s)', (transport) => {
  let bed: SlackTestbed;
  let ref: string;
  let requestId: string;

  beforeEach(async () => {
    bed = await startSlackTestbed({ transport });
    // Friday 27 Nov 2026, 17:30 London: the survey may not go out before Monday 09:00.
    bed.clock.set('2026-11-27T17:30:00Z');
    ({ ref } = await fileBySlash(bed, DANA, '', {
      category: 'Plumbing',
      description: 'Radiator <!channel> leaking',
      needed_by: 'today',
    }));
    requestId = await requestIdOf(bed, ref);
    await deliver(bed);
    await bed.slack.blockAction({
      user: SAM,
      actionId: 'triage_take',
      value: requestId,
      channel: TRIAGE_CHANNEL,
      messageTs: '1.0',
    });
    const since = bed.fake.mark();
    await bed.slack.blockAction({
      user: SAM,
      actionId: 'triage_resolve',
      value: requestId,
      channel: TRIAGE_CHANNEL,
      messageTs: '1.0',
    });
    await submitModal(bed, SAM, await openedModal(bed, since), { resolution: 'Bled the radiator' });
    await deliver(bed);
  });
  afterEach(async () => {
    await bed.closeAll();
  });

  const surveyDm = () => dmsTo(bed, DANA).find(isSurvey);
  const surveyId = () =>
    JSON.stringify(surveyDm()?.params.blocks).match(/"value":"([0-9a-f-]{36})"/)?.[1] ?? '';
  const updates = () =>
    bed.fake.callsTo('chat.update').filter((c) => String(c.params.channel).startsWith('D'));
  const tap = (user: string, actionId: string) =>
    bed.slack.blockAction({
      user,
      actionId,
      value: surveyId(),
      channel: `D${DANA.slice(1)}`,
      messageTs: '2.0',
    });
  async function arrive(): Promise<void> {
    bed.clock.set('2026-11-30T09:00:00Z');
    await deliver(bed);
  }
  const row = () =>
    bed.app.database.db
      .selectFrom('surveys')
      .selectAll()
      .where('requestId', '=', requestId)
      .executeTakeFirstOrThrow();

  it('arrives as a DM after the delay, inside working hours, with five scale buttons and Not fixed', async () => {
    bed.clock.set('2026-11-28T12:00:00Z');
    await deliver(bed);
    expect(surveyDm()).toBeUndefined();
    await arrive();
    const dm = surveyDm();
    expect(dm?.params.channel).toBe(DANA);
    expect(buttons(dm)).toEqual(['Much worse', 'Worse', 'As expected', 'Better', 'Much better', 'Not fixed']);
    const text = JSON.stringify(dm?.params.blocks);
    expect(text).toContain('compared with what you expected?');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
  });

  it('a survey whose post lost its answer is found in the DM by its metadata and sent once', async () => {
    bed.fake.fail(
      'chat.postMessage',
      { answer: 'lost' },
      { match: (p) => p.channel === DANA && JSON.stringify(p.blocks ?? []).includes('survey_score:') },
    );
    await arrive();
    bed.clock.advance(5_000);
    await deliver(bed);
    expect(dmsTo(bed, DANA).filter(isSurvey)).toHaveLength(1);
    expect(bed.fake.callsTo('conversations.history').map((c) => c.params.channel)).toEqual([
      `D${DANA.slice(1)}`,
    ]);
    expect((await row()).sentAt).not.toBeNull();
  });

  it('one tap records the answer; the message becomes a thank-you with only "Add a comment"', async () => {
    await arrive();
    expect((await tap(DANA, 'survey_score:1')).status).toBe(200);
    expect(await row()).toMatchObject({ status: 'answered', score: 1 });
    await deliver(bed);
    const updated = updates().at(-1);
    expect(updated?.params.ts).toBe(surveyDm()?.response.ts);
    expect(JSON.stringify(updated?.params.blocks)).toContain('Thanks for your answer.');
    expect(buttons(updated)).toEqual(['Add a comment']);
    const since = bed.fake.mark();
    await tap(DANA, 'survey_add_comment');
    const modal = await openedModal(bed, since);
    expect((await submitModal(bed, DANA, modal, { survey_comment: 'Quick & tidy <@U0ALEX>' })).status).toBe(
      200,
    );
    expect((await row()).comment).toBe('Quick & tidy <@U0ALEX>');
    await deliver(bed);
    const final = JSON.stringify(updates().at(-1)?.params.blocks);
    expect(final).toContain('Quick &amp; tidy &lt;@U0ALEX&gt;');
    expect(buttons(updates().at(-1))).toEqual([]);
  });

  it('an answered survey loses its "Add a comment" button when it closes', async () => {
    await arrive();
    await tap(DANA, 'survey_score:0');
    bed.clock.advance(72 * HOUR);
    await deliver(bed);
    const last = updates().at(-1);
    expect(buttons(last)).toEqual([]);
    expect(JSON.stringify(last?.params.blocks)).toContain('This survey has closed.');
    expect(await row()).toMatchObject({ status: 'answered', score: 0 });
  });

  it('Not fixed reopens the request and tells the team in the triage thread', async () => {
    await arrive();
    const before = threadReplies(bed).length;
    await tap(DANA, 'survey_not_fixed');
    await deliver(bed);
    const request = await bed.app.database.db
      .selectFrom('requests')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(request.reopenCount).toBe(1);
    expect(
      threadReplies(bed)
        .slice(before)
        .map((c) => c.params.text),
    ).toContainEqual(expect.stringContaining('reopened'));
    expect(JSON.stringify(updates().at(-1)?.params.blocks)).toContain(
      'We have reopened the request and told the team.',
    );
  });

  it('a worse-than-expected answer asks which R fell short and alerts the leads in the triage thread at once', async () => {
    await arrive();
    await tap(DANA, 'survey_score:-2');
    await deliver(bed);
    expect(buttons(updates().at(-1))).toEqual([
      'Lacked what was needed',
      'Too slow / not informed',
      "I didn't feel heard",
    ]);
    const alert = threadReplies(bed).find((c) => String(c.params.text).includes('rated'));
    expect(alert?.params.channel).toBe(TRIAGE_CHANNEL);
    expect(alert?.params.text).toContain(`<@${SAM}>`);
    expect(alert?.params.text).toContain('Much worse than I expected');
    await tap(DANA, 'survey_shortfall:response');
    await deliver(bed);
    const alertUpdate = bed.fake
      .callsTo('chat.update')
      .filter((c) => c.params.ts === alert?.response.ts)
      .at(-1);
    expect(alertUpdate?.params.text).toContain("Too slow, or I wasn't kept informed");
    expect(await row()).toMatchObject({ score: -2, shortfall: 'response' });
  });

  it('reminds once, a day later, then closes the survey at expiry; later taps hear it has closed', async () => {
    await arrive();
    bed.clock.advance(24 * HOUR);
    await deliver(bed);
    bed.clock.advance(24 * HOUR);
    await deliver(bed);
    const reminders = dmsTo(bed, DANA).filter((c) => String(c.params.text).startsWith('A gentle reminder'));
    expect(reminders).toHaveLength(1);
    bed.clock.advance(24 * HOUR);
    await deliver(bed);
    expect(await row()).toMatchObject({ status: 'expired' });
    expect(JSON.stringify(updates().at(-1)?.params.blocks)).toContain('This survey has closed.');
    const since = bed.fake.mark();
    await tap(DANA, 'survey_score:2');
    const reply = await bed.fake.waitFor((c) => c.method === 'chat.postEphemeral', { since });
    expect(reply.params.text).toBe('This survey has closed. Thanks anyway.');
  });

  it("refuses a stranger's or a team member's tap privately and records nothing", async () => {
    await arrive();
    for (const user of [EVE, ALEX]) {
      const since = bed.fake.mark();
      expect((await tap(user, 'survey_score:-2')).status).toBe(200);
      const reply = await bed.fake.waitFor((c) => c.method === 'chat.postEphemeral', { since });
      expect(reply.params).toMatchObject({
        user,
        text: 'Only the person who filed this request can answer this survey.',
      });
    }
    expect(await row()).toMatchObject({ status: 'sent', score: null });
  });
});
