import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALEX,
  DANA,
  deliver,
  dmsTo,
  fileLeakingRadiator,
  openedModal,
  type SlackTestbed,
  startSlackTestbed,
  submitModal,
  TRIAGE_CHANNEL,
} from './slack-harness.js';

type Block = { type: string; elements?: { action_id?: string; value?: string; text?: { text: string } }[] };

function quietButton(blocks: unknown): { value?: string; label?: string } | undefined {
  for (const block of (blocks ?? []) as Block[]) {
    const button = block.elements?.find((e) => e.action_id === 'requester_updates');
    if (button) return { value: button.value, label: button.text?.text };
  }
  return undefined;
}

describe('quiet mode on Slack', () => {
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

  const triage = (actionId: string) =>
    bed.slack.blockAction({
      user: ALEX,
      actionId,
      value: requestId,
      channel: TRIAGE_CHANNEL,
      messageTs: '1.0',
    });

  it('a requester who chose quiet mode from a DM is not told the request was taken, but is told it was resolved', async () => {
    const receipt = dmsTo(bed, DANA).at(-1);
    expect(quietButton(receipt?.params.blocks)).toEqual({
      value: 'resolved_or_deferred',
      label: 'Only tell me when resolved or deferred',
    });
    const since = bed.fake.mark();
    const click = await bed.slack.blockAction({
      user: DANA,
      actionId: 'requester_updates',
      value: 'resolved_or_deferred',
      channel: 'D0DANA',
      messageTs: String(receipt?.response.ts),
    });
    expect(click.status).toBe(200);
    const confirmation = await bed.fake.waitFor((c) => c.method === 'chat.postEphemeral', { since });
    expect(confirmation.params).toMatchObject({
      channel: 'D0DANA',
      user: DANA,
      text: 'Done: I will only tell you when a request of yours is resolved or deferred.',
    });

    const before = dmsTo(bed, DANA).length;
    expect((await triage('triage_take')).status).toBe(200);
    await deliver(bed);
    expect(dmsTo(bed, DANA)).toHaveLength(before);

    const opened = bed.fake.mark();
    await triage('triage_resolve');
    await submitModal(bed, ALEX, await openedModal(bed, opened), { resolution: 'Bled the radiator' });
    await deliver(bed);
    const resolved = dmsTo(bed, DANA).at(-1);
    expect(dmsTo(bed, DANA)).toHaveLength(before + 1);
    expect(resolved?.params.text).toBe(`*${ref}* · Plumbing\nYour request is resolved: Bled the radiator`);
    // In quiet mode the DM offers the way back.
    expect(quietButton(resolved?.params.blocks)).toEqual({
      value: 'every_change',
      label: 'Tell me every change',
    });
  });

  it('App Home shows the choice in effect and switching it there redraws the home with the other offer', async () => {
    const opened = bed.fake.mark();
    await bed.slack.event({ type: 'app_home_opened', user: DANA, tab: 'home', channel: 'D0HOME' });
    const first = await bed.fake.waitFor((c) => c.method === 'views.publish', { since: opened });
    const firstBlocks = (first.params.view as { blocks: unknown }).blocks;
    expect(JSON.stringify(firstBlocks)).toContain('You hear about every change to your requests.');
    expect(quietButton(firstBlocks)?.value).toBe('resolved_or_deferred');

    const since = bed.fake.mark();
    await bed.slack.blockAction({
      user: DANA,
      actionId: 'requester_updates',
      value: 'resolved_or_deferred',
      view: { id: 'V0HOME' },
    });
    const redrawn = await bed.fake.waitFor((c) => c.method === 'views.publish', { since });
    const blocks = (redrawn.params.view as { blocks: unknown }).blocks;
    expect(JSON.stringify(blocks)).toContain(
      'Quiet mode: you hear only when a request is resolved or deferred.',
    );
    expect(quietButton(blocks)?.value).toBe('every_change');

    // Back to every change: the next Take is told again.
    await bed.slack.blockAction({
      user: DANA,
      actionId: 'requester_updates',
      value: 'every_change',
      view: { id: 'V0HOME' },
    });
    await deliver(bed);
    const before = dmsTo(bed, DANA).length;
    await triage('triage_take');
    await deliver(bed);
    expect(dmsTo(bed, DANA)).toHaveLength(before + 1);
  });

  it('a forged value is refused without changing anything', async () => {
    await bed.slack.blockAction({
      user: DANA,
      actionId: 'requester_updates',
      value: 'never',
      channel: 'D0DANA',
    });
    await deliver(bed);
    const before = dmsTo(bed, DANA).length;
    await triage('triage_take');
    await deliver(bed);
    expect(dmsTo(bed, DANA)).toHaveLength(before + 1);
  });
});
