import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SignedHttp } from '../../../src/sandbox/slack-requests.js';
import {
  ALEX,
  DANA,
  deliver,
  fileBySlash,
  openedModal,
  requestIdOf,
  SIGNING_SECRET,
  type SlackTestbed,
  startSlackTestbed,
  submitModal,
  TRIAGE_CHANNEL,
} from './slack-harness.js';

describe('requests that are not from Slack', () => {
  let bed: SlackTestbed;
  beforeEach(async () => {
    bed = await startSlackTestbed();
  });
  afterEach(async () => {
    await bed.closeAll();
  });

  it('rejects a forged signature with 401 and changes nothing', async () => {
    const forged = await bed.slack.command({ user: DANA, text: 'status' }, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const forgedEvent = await bed.slack.event(
      { type: 'app_home_opened', user: DANA, tab: 'home' },
      { secret: 'wrong' },
    );
    expect(forgedEvent.status).toBe(401);
    const unsigned = await new SignedHttp(bed.baseUrl, SIGNING_SECRET).post(
      'text=hi',
      'application/x-www-form-urlencoded',
      {
        headers: { 'x-slack-signature': '' },
      },
    );
    expect(unsigned.status).toBe(401);
    await deliver(bed);
    expect(bed.fake.calls).toEqual([]);
  });

  it('rejects a stale timestamp (a replayed request) with 401 and changes nothing', async () => {
    const { ref } = await fileBySlash(bed, DANA, 'Stale', {
      category: 'HVAC',
      description: 'Too warm in here',
      needed_by: 'today',
    });
    await deliver(bed);
    const before = bed.fake.calls.length;
    const requestId = await requestIdOf(bed, ref);
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const replay = await bed.slack.interaction(
      {
        type: 'block_actions',
        trigger_id: 't',
        user: { id: ALEX },
        channel: { id: TRIAGE_CHANNEL },
        actions: [{ action_id: 'triage_take', value: requestId }],
      },
      { timestamp: tenMinutesAgo },
    );
    expect(replay.status).toBe(401);
    await deliver(bed);
    expect(bed.fake.calls.length).toBe(before);
    const row = await bed.app.database.db
      .selectFrom('requests')
      .selectAll()
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
  });
});

describe('user text in Slack messages', () => {
  let bed: SlackTestbed;
  beforeEach(async () => {
    bed = await startSlackTestbed();
  });
  afterEach(async () => {
    await bed.closeAll();
  });

  it('never pings anyone: <!channel> and <@U123> in user text are escaped everywhere the bot writes', async () => {
    const evil = 'Help <!channel> and <@U123> & <https://evil.example|click> now';
    const since = bed.fake.mark();
    await bed.slack.command({ user: DANA, userName: '<!here>', text: evil });
    const modal = await openedModal(bed, since);
    await submitModal(bed, DANA, modal, { category: 'HVAC', description: evil, needed_by: 'today' });
    await deliver(bed);
    const ref = (await bed.app.database.db.selectFrom('requests').selectAll().executeTakeFirstOrThrow()).ref;
    const requestId = await requestIdOf(bed, ref);
    const waitSince = bed.fake.mark();
    const wait = await bed.slack.blockAction({
      user: ALEX,
      actionId: 'triage_wait',
      value: requestId,
      channel: TRIAGE_CHANNEL,
    });
    expect(wait.status).toBe(200);
    const waitModal = await openedModal(bed, waitSince);
    await submitModal(bed, ALEX, waitModal, { waiting_on: 'requester', note: 'Is <!everyone> affected?' });
    const resolveSince = bed.fake.mark();
    await bed.slack.blockAction({
      user: ALEX,
      actionId: 'triage_resolve',
      value: requestId,
      channel: TRIAGE_CHANNEL,
    });
    await submitModal(bed, ALEX, await openedModal(bed, resolveSince), {
      resolution: 'Fixed <!subteam^S123> <@U0SAM>',
    });
    await deliver(bed);
    await bed.slack.event({ type: 'app_home_opened', user: DANA, tab: 'home' });
    await bed.fake.waitFor((c) => c.method === 'views.publish');

    const written = bed.fake.calls.filter(
      (c) => c.method.startsWith('chat.') || c.method === 'views.publish',
    );
    expect(written.length).toBeGreaterThan(6);
    for (const call of written) {
      const text = bed.fake.visibleText(call);
      for (const ping of [
        '<!channel>',
        '<@U123>',
        '<!here>',
        '<!everyone>',
        '<!subteam',
        '<@U0SAM>',
        '<https://evil',
      ]) {
        expect(text, `${call.method} ${text}`).not.toContain(ping);
      }
    }
    const dm = bed.fake.callsTo('chat.postMessage').find((c) => c.params.channel === DANA);
    expect(dm?.params.text).toContain(
      'Help &lt;!channel&gt; and &lt;@U123&gt; &amp; &lt;https://evil.example|click&gt; now',
    );
  });
});
