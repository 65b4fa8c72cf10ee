import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALEX,
  DANA,
  deliver,
  EVE,
  fileBySlash,
  openedModal,
  requestIdOf,
  type SlackTestbed,
  startSlackTestbed,
  submitModal,
  TRIAGE_CHANNEL,
} from './slack-harness.js';

type HomeBlock = { type: string; text?: { text: string }; elements?: { action_id?: string }[] };

describe('App Home', () => {
  let bed: SlackTestbed;
  beforeEach(async () => {
    bed = await startSlackTestbed();
  });
  afterEach(async () => {
    await bed.closeAll();
  });

  async function home(user: string): Promise<{ blocks: HomeBlock[]; text: string }> {
    const since = bed.fake.mark();
    await bed.slack.event({ type: 'app_home_opened', user, tab: 'home', channel: 'D0HOME' });
    const call = await bed.fake.waitFor((c) => c.method === 'views.publish' && c.params.user_id === user, {
      since,
    });
    const view = call.params.view as { type: string; blocks: HomeBlock[] };
    expect(view.type).toBe('home');
    return { blocks: view.blocks, text: view.blocks.map((b) => b.text?.text ?? '').join('\n') };
  }

  it('shows the requester their open and recently closed requests with status and age, and a New request button', async () => {
    const first = await fileBySlash(bed, DANA, 'Heating off', {
      category: 'HVAC',
      description: 'Heating off on floor 2',
      needed_by: 'today',
    });
    bed.clock.advance(30 * 60_000);
    await fileBySlash(bed, DANA, 'Tap drips', {
      category: 'Plumbing',
      description: 'Kitchen tap drips',
      needed_by: 'no_rush',
    });
    const since = bed.fake.mark();
    await bed.slack.blockAction({
      user: ALEX,
      actionId: 'triage_resolve',
      value: await requestIdOf(bed, first.ref),
      channel: TRIAGE_CHANNEL,
    });
    await submitModal(bed, ALEX, await openedModal(bed, since), { resolution: 'Boiler restarted' });
    await deliver(bed);

    const { blocks, text } = await home(DANA);
    const open = text.slice(text.indexOf('*Open*'), text.indexOf('*Recently closed*'));
    const recent = text.slice(text.indexOf('*Recently closed*'));
    expect(open).toMatch(/\*FAC-\d+\* · New · 0 min · Plumbing: Kitchen tap drips/);
    expect(recent).toContain(`*${first.ref}* · Resolved · 30 min · HVAC: Heating off on floor 2`);
    expect(blocks.flatMap((b) => b.elements ?? []).some((e) => e.action_id === 'open_request_form')).toBe(
      true,
    );
    expect(text).not.toContain('queue');
  });

  it('shows team members their team queue, unacknowledged first', async () => {
    const taken = await fileBySlash(bed, DANA, 'Old one', {
      category: 'HVAC',
      description: 'Fan noisy',
      needed_by: 'this_week',
    });
    await bed.slack.blockAction({
      user: ALEX,
      actionId: 'triage_take',
      value: await requestIdOf(bed, taken.ref),
      channel: TRIAGE_CHANNEL,
    });
    bed.clock.advance(5 * 60_000);
    const fresh = await fileBySlash(bed, DANA, 'New one', {
      category: 'Cleaning',
      description: 'Glass on the stairs',
      needed_by: 'within_hour',
    });
    const { text } = await home(ALEX);
    expect(text).toContain('Facilities queue (2)');
    expect(text.indexOf(fresh.ref)).toBeLessThan(text.indexOf(taken.ref));
    expect((await home(EVE)).text).not.toContain('queue');
  });
});
