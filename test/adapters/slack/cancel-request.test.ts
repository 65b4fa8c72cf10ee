import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRequestByRef } from '../../../src/services/list-requests.js';
import {
  ALEX,
  currentCard,
  DANA,
  deliver,
  dmsTo,
  EVE,
  fileLeakingRadiator,
  openedModal,
  type SlackTestbed,
  startSlackTestbed,
  submitModal,
  TRIAGE_CHANNEL,
  threadReplies,
} from './slack-harness.js';

type Block = { type: string; elements?: { action_id?: string; value?: string }[] };

describe('the requester cancels their own request on Slack', () => {
  let bed: SlackTestbed;
  let ref: string;
  let requestId: string;

  beforeEach(async () => {
    bed = await startSlackTestbed();
    ({ ref, requestId } = await fileLeakingRadiator(bed));
  });
  afterEach(async () => {
    await bed.closeAll();
  });

  async function openCancel(user: string) {
    const since = bed.fake.mark();
    await bed.slack.blockAction({ user, actionId: 'requester_cancel', value: requestId, channel: 'D0DANA' });
    return openedModal(bed, since);
  }

  it('Cancel request… on the receipt asks why; the card says so, the thread is told, and no survey follows', async () => {
    const receipt = dmsTo(bed, DANA).at(-1);
    const buttons = ((receipt?.params.blocks ?? []) as Block[]).flatMap((b) => b.elements ?? []);
    expect(buttons.find((e) => e.action_id === 'requester_cancel')?.value).toBe(requestId);

    const modal = await openCancel(DANA);
    expect(modal.view.callback_id).toBe('requester_cancel_submit');
    const response = await submitModal(bed, DANA, modal, { reason: 'It fixed itself' });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    await deliver(bed);

    expect((await findRequestByRef(bed.app.deps, ref))?.status).toBe('cancelled');
    const card = JSON.stringify(currentCard(bed, ref)?.params.blocks);
    expect(card).toContain('Cancelled');
    expect(card).not.toContain('triage_take');
    expect(threadReplies(bed).at(-1)?.params.text).toBe(`Dana Reyes cancelled *${ref}*: It fixed itself`);
    const surveys = await bed.app.database.db
      .selectFrom('jobs')
      .select('kind')
      .where('kind', 'like', 'survey.%')
      .execute();
    expect(surveys).toEqual([]);
  });

  it('cancelling a resolved request is refused beside the reason, and nothing changes', async () => {
    const since = bed.fake.mark();
    await bed.slack.blockAction({
      user: ALEX,
      actionId: 'triage_resolve',
      value: requestId,
      channel: TRIAGE_CHANNEL,
    });
    await submitModal(bed, ALEX, await openedModal(bed, since), { resolution: 'Bled it' });
    await deliver(bed);
    const before = bed.fake.calls.length;

    const response = await submitModal(bed, DANA, await openCancel(DANA), { reason: 'Changed my mind' });
    expect(JSON.parse(response.text)).toEqual({
      response_action: 'errors',
      errors: { reason: "This request is resolved, so it can't be cancelled now." },
    });
    await deliver(bed);
    expect((await findRequestByRef(bed.app.deps, ref))?.status).toBe('resolved');
    expect(bed.fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('someone else cannot cancel it, and a second cancel by the requester changes nothing', async () => {
    const refused = await submitModal(bed, EVE, await openCancel(EVE), {});
    expect(JSON.parse(refused.text).errors).toEqual({
      reason: 'Only the person who filed this request can do that.',
    });
    expect((await findRequestByRef(bed.app.deps, ref))?.status).not.toBe('cancelled');

    await submitModal(bed, DANA, await openCancel(DANA), {});
    await deliver(bed);
    const notes = threadReplies(bed).length;
    const again = await submitModal(bed, DANA, await openCancel(DANA), {});
    expect(again.text).toBe('');
    await deliver(bed);
    expect(threadReplies(bed)).toHaveLength(notes);
  });
});
