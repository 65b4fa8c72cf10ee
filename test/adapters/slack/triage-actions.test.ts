import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reopenRequest } from '../../../src/services/reopen-request.js';
import { countRows } from '../../support/databases.js';
import {
  ALEX,
  currentCard,
  DANA,
  deliver,
  dmsTo,
  EVE,
  fileLeakingRadiator,
  openedModal,
  SAM,
  SLACK_TRANSPORTS,
  type SlackTestbed,
  sentSince,
  startSlackTestbed,
  submitModal,
  TRIAGE_CHANNEL,
  threadReplies,
} from './slack-harness.js';

describe.each(SLACK_TRANSPORTS)('triage on the card in the team channel (%s)', (transport) => {
  let bed: SlackTestbed;
  let ref: string;
  let requestId: string;

  beforeEach(async () => {
    bed = await startSlackTestbed({ transport });
    ({ ref, requestId } = await fileLeakingRadiator(bed));
  });
  afterEach(async () => {
    await bed.closeAll();
  });

  const click = (user: string, actionId: string) =>
    bed.slack.blockAction({ user, actionId, value: requestId, channel: TRIAGE_CHANNEL, messageTs: '1.0' });

  async function openAndSubmit(user: string, actionId: string, answers: Record<string, string>) {
    const since = bed.fake.mark();
    expect((await click(user, actionId)).status).toBe(200);
    const modal = await openedModal(bed, since);
    return { modal, response: await submitModal(bed, user, modal, answers) };
  }

  it('Take assigns it to whoever clicked: the card is updated in place, its thread and the requester are told', async () => {
    expect((await click(ALEX, 'triage_take')).status).toBe(200);
    await deliver(bed);
    const card = currentCard(bed, ref);
    expect(card?.method).toBe('chat.update');
    const blocks = JSON.stringify(card?.params.blocks);
    expect(blocks).toContain('u0alex');
    expect(blocks).not.toContain('"Take"');
    const [note] = threadReplies(bed);
    expect(note?.params.text).toBe(`u0alex took *${ref}*.`);
    expect(dmsTo(bed, DANA).at(-1)?.params.text).toBe(
      `*${ref}* · Plumbing\nu0alex from the Facilities team is on it.`,
    );
  });

  it('Assign… opens a user picker and gives the request to the chosen member', async () => {
    const { modal, response } = await openAndSubmit(SAM, 'triage_assign', { assignee: ALEX });
    expect(modal.view.callback_id).toBe('triage_assign_submit');
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    await deliver(bed);
    expect(threadReplies(bed).at(-1)?.params.text).toBe(`u0sam assigned *${ref}* to <@U0ALEX>.`);
    expect(dmsTo(bed, DANA).at(-1)?.params.text).toBe(
      `*${ref}* · Plumbing\n<@U0ALEX> from the Facilities team is on it.`,
    );
    expect(JSON.stringify(currentCard(bed, ref)?.params.blocks)).toContain('<@U0ALEX>');
  });

  it('Defer… needs a date and a reason, and tells the requester both', async () => {
    const missing = await openAndSubmit(ALEX, 'triage_defer', { until: '2026-11-25' });
    expect(missing.response.json()).toEqual({
      response_action: 'errors',
      errors: { reason: 'Say why, so the requester knows (at least 3 characters).' },
    });
    const { response } = await submitDefer(missing.modal);
    expect(response.status).toBe(200);
    await deliver(bed);
    expect(dmsTo(bed, DANA).at(-1)?.params.text).toBe(
      `*${ref}* · Plumbing\nThe Facilities team will get to your request by Wed 25 Nov, 18:00. Why: Parts arrive on Wednesday`,
    );
    expect(JSON.stringify(currentCard(bed, ref)?.params.blocks)).toContain('Deferred to Wed 25 Nov, 18:00');
  });

  async function submitDefer(modal: Awaited<ReturnType<typeof openedModal>>) {
    return {
      response: await submitModal(bed, ALEX, modal, {
        until: '2026-11-25',
        reason: 'Parts arrive on Wednesday',
      }),
    };
  }

  it('Waiting on… the requester needs a note, which the requester receives', async () => {
    const { modal, response } = await openAndSubmit(ALEX, 'triage_wait', { waiting_on: 'requester' });
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { note: 'Say what you need from the requester.' },
    });
    const saved = await submitModal(bed, ALEX, modal, {
      waiting_on: 'requester',
      note: 'Which room exactly?',
    });
    expect(saved.status).toBe(200);
    await deliver(bed);
    expect(dmsTo(bed, DANA).at(-1)?.params.text).toBe(
      `*${ref}* · Plumbing\nu0alex from the Facilities team needs something from you: Which room exactly?`,
    );
    const card = JSON.stringify(currentCard(bed, ref)?.params.blocks);
    expect(card).toContain('Waiting on the requester');
    expect(card).toContain('paused (waiting on the requester)');
  });

  it('Resolve… records the note, tells the requester, and leaves the card without buttons', async () => {
    const { response } = await openAndSubmit(SAM, 'triage_resolve', {
      resolution: 'Bled the radiator and tightened the valve',
    });
    expect(response.status).toBe(200);
    await deliver(bed);
    expect(dmsTo(bed, DANA).at(-1)?.params.text).toBe(
      `*${ref}* · Plumbing\nYour request is resolved: Bled the radiator and tightened the valve`,
    );
    const card = JSON.stringify(currentCard(bed, ref)?.params.blocks);
    expect(card).toContain('Resolved');
    expect(card).not.toContain('"actions"');
    expect(threadReplies(bed).at(-1)?.params.text).toBe(
      `u0sam resolved *${ref}*: Bled the radiator and tightened the valve`,
    );
  });

  it('refuses someone outside the team privately, and nothing changes', async () => {
    const before = bed.fake.calls.length;
    await click(EVE, 'triage_take');
    await click(EVE, 'triage_resolve');
    await bed.fake.waitFor(() => bed.fake.callsTo('chat.postEphemeral').length === 2);
    const ephemerals = bed.fake.callsTo('chat.postEphemeral');
    expect(ephemerals.map((c) => [c.params.user, c.params.channel, c.params.text])).toEqual([
      [EVE, TRIAGE_CHANNEL, 'Only the Facilities team can do that.'],
      [EVE, TRIAGE_CHANNEL, 'Only the Facilities team can do that.'],
    ]);
    // A forged submission of a triage modal is refused too.
    const forged = await bed.slack.viewSubmission({
      user: EVE,
      view: {
        id: 'V0FORGED',
        callback_id: 'triage_resolve_submit',
        private_metadata: JSON.stringify({ requestId }),
        values: { resolution: { resolution: { type: 'plain_text_input', value: 'done by me' } } },
      },
    });
    expect(forged.json()).toEqual({
      response_action: 'errors',
      errors: { resolution: 'Only the Facilities team can do that.' },
    });
    await deliver(bed);
    expect(sentSince(bed, before).map((c) => c.method)).toEqual(['chat.postEphemeral', 'chat.postEphemeral']);
    const row = await bed.app.database.db
      .selectFrom('requests')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
  });

  it('a second Take by someone else says who already has it; a repeat by the owner changes nothing', async () => {
    await click(ALEX, 'triage_take');
    await deliver(bed);
    const before = bed.fake.calls.length;
    await click(SAM, 'triage_take');
    await click(ALEX, 'triage_take');
    await deliver(bed);
    const after = sentSince(bed, before);
    expect(after.map((c) => c.method)).toEqual(['chat.postEphemeral']);
    expect(after[0]?.params).toMatchObject({ user: SAM, text: `u0alex already has ${ref}.` });
    expect(
      await countRows(bed.app.database.db, 'requestEvents', (eb) => eb.and({ requestId, type: 'taken' })),
    ).toBe(1);
  });

  it('two people clicking Take at the same moment: one gets it, the other is told who did', async () => {
    const [alex, sam] = await Promise.all([click(ALEX, 'triage_take'), click(SAM, 'triage_take')]);
    expect([alex.status, sam.status]).toEqual([200, 200]);
    await bed.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    await deliver(bed);
    const row = await bed.app.database.db
      .selectFrom('requests')
      .leftJoin('people as assignee', 'assignee.id', 'requests.assigneeId')
      .select('assignee.platformUserId')
      .where('requests.id', '=', requestId)
      .executeTakeFirstOrThrow();
    const winner = row.platformUserId;
    const loser = winner === ALEX ? SAM : ALEX;
    expect([ALEX, SAM]).toContain(winner);
    const [refusal] = bed.fake.callsTo('chat.postEphemeral');
    expect(refusal?.params).toMatchObject({
      user: loser,
      text: `${winner?.toLowerCase()} already has ${ref}.`,
    });
    expect(threadReplies(bed)).toHaveLength(1);
  });

  it('a reopened request brings the triage buttons back and tells the requester', async () => {
    const { modal } = await openAndSubmit(SAM, 'triage_resolve', { resolution: 'Replaced the valve' });
    expect(modal.view.callback_id).toBe('triage_resolve_submit');
    await deliver(bed);
    await reopenRequest(bed.app.deps, {
      requestId,
      actor: { platform: 'slack', userId: SAM },
      by: 'team',
      reason: 'Still dripping',
    });
    await deliver(bed);
    expect(dmsTo(bed, DANA).at(-1)?.params.text).toBe(
      `*${ref}* · Plumbing\nYour request is reopened and back in the Facilities team’s queue.`,
    );
    expect(threadReplies(bed).at(-1)?.params.text).toBe(`u0sam reopened *${ref}*: Still dripping`);
    expect(JSON.stringify(currentCard(bed, ref)?.params.blocks)).toContain('triage_resolve');
  });
});
