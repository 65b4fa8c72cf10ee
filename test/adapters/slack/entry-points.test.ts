import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALEX,
  currentCard,
  DANA,
  deliver,
  dmsTo,
  EVE,
  handled,
  openedModal,
  SLACK_TRANSPORTS,
  type SlackTestbed,
  sentSince,
  startSlackTestbed,
  submitModal,
  TRIAGE_CHANNEL,
} from './slack-harness.js';

describe.each(SLACK_TRANSPORTS)('other ways to file a request (%s)', (transport) => {
  let bed: SlackTestbed;
  beforeEach(async () => {
    bed = await startSlackTestbed({ transport });
  });
  afterEach(async () => {
    await bed.closeAll();
  });

  async function onlyRequest() {
    const rows = await bed.app.database.db.selectFrom('requests').selectAll().execute();
    expect(rows).toHaveLength(1);
    return rows[0] as NonNullable<(typeof rows)[0]>;
  }

  it('the global shortcut opens an empty form that files as a global shortcut', async () => {
    const since = bed.fake.mark();
    expect((await bed.slack.globalShortcut({ user: DANA })).status).toBe(200);
    const modal = await openedModal(bed, since);
    expect(modal.view.callback_id).toBe('request_submit');
    const response = await submitModal(bed, DANA, modal, {
      category: 'Cleaning',
      description: 'Spilled coffee in the lift',
      needed_by: 'within_hour',
    });
    expect(response.json()).toMatchObject({ response_action: 'update' });
    const request = await onlyRequest();
    expect(request).toMatchObject({ sourceEntry: 'global_shortcut', priority: 'urgent' });
  });

  it('the message shortcut files the message text and keeps its permalink', async () => {
    const since = bed.fake.mark();
    await bed.slack.messageShortcut({
      user: DANA,
      channel: 'C0GENERAL',
      message: { ts: '1763000000.000200', text: 'Printer on 2 is jammed again', user: EVE },
    });
    const modal = await openedModal(bed, since);
    expect(JSON.stringify(modal.view.blocks)).toContain('Printer on 2 is jammed again');
    expect(bed.fake.callsTo('chat.getPermalink')[0]?.params).toMatchObject({
      channel: 'C0GENERAL',
      message_ts: '1763000000.000200',
    });
    await submitModal(bed, DANA, modal, {
      category: 'Other',
      description: 'Printer on 2 is jammed again',
      needed_by: 'today',
    });
    await deliver(bed);
    const request = await onlyRequest();
    expect(request.sourceEntry).toBe('message_shortcut');
    expect(request.sourcePermalink).toBe(
      'https://gapdesk-test.slack.com/archives/C0GENERAL/p1763000000000200',
    );
    const card = JSON.stringify(currentCard(bed, request.ref)?.params.blocks);
    expect(card).toContain(
      '<https://gapdesk-test.slack.com/archives/C0GENERAL/p1763000000000200|original message>',
    );
  });

  it('a :ticket: reaction files the message for its author, once, even when the event is retried or reacted again', async () => {
    bed.fake.addMessage('C0GENERAL', {
      ts: '1763000000.000300',
      user: DANA,
      text: 'The blinds in room 4 are broken',
    });
    const reaction = {
      type: 'reaction_added',
      user: EVE,
      reaction: 'ticket',
      item_user: DANA,
      item: { type: 'message', channel: 'C0GENERAL', ts: '1763000000.000300' },
      event_ts: '1763000001.000100',
    };
    expect((await bed.slack.event(reaction, { eventId: 'Ev0REACT' })).status).toBe(200);
    await bed.fake.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === DANA);
    await deliver(bed);
    const request = await onlyRequest();
    expect(request).toMatchObject({
      sourceEntry: 'reaction',
      description: 'The blinds in room 4 are broken',
      category: 'Other',
    });
    expect(dmsTo(bed, DANA)[0]?.params.text).toContain(`*${request.ref}*`);
    const person = await bed.app.database.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', request.requesterId)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({ platformUserId: DANA, name: 'Dana Reyes' });

    const before = bed.fake.calls.length;
    await bed.slack.event(reaction, { eventId: 'Ev0REACT', retryNum: 1 });
    await bed.slack.event(
      { ...reaction, user: ALEX, event_ts: '1763000002.000100' },
      { eventId: 'Ev0REACT2' },
    );
    await bed.slack.event({ ...reaction, reaction: 'thumbsup' }, { eventId: 'Ev0THUMB' });
    await deliver(bed);
    expect(sentSince(bed, before)).toEqual([]);
    await onlyRequest();
  });

  it('a DM to the bot gets a button that opens the form prefilled, once even if Slack retries the event', async () => {
    const dm = {
      type: 'message',
      channel: 'D0DANA',
      channel_type: 'im',
      user: DANA,
      text: 'My monitor keeps flickering',
      ts: '1763000000.000400',
    };
    await bed.slack.event(dm, { eventId: 'Ev0DM' });
    const offer = await bed.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === 'D0DANA',
    );
    await bed.slack.event(dm, { eventId: 'Ev0DM', retryNum: 1 });
    await handled(bed);
    expect(bed.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'D0DANA')).toHaveLength(1);

    const button = (
      offer.params.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    )
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'open_request_form');
    expect(button).toBeDefined();
    const since = bed.fake.mark();
    await bed.slack.blockAction({
      user: DANA,
      actionId: 'open_request_form',
      value: button?.value ?? '',
      channel: 'D0DANA',
    });
    const modal = await openedModal(bed, since);
    expect(JSON.stringify(modal.view.blocks)).toContain('My monitor keeps flickering');
    await submitModal(bed, DANA, modal, {
      team: 'it',
      category: 'Laptop',
      description: 'My monitor keeps flickering',
      needed_by: 'this_week',
    });
    const request = await onlyRequest();
    expect(request).toMatchObject({ sourceEntry: 'direct_message', teamId: 'it' });
    await deliver(bed);
    expect(bed.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C0ITDESK')).toHaveLength(
      1,
    );
    expect(
      bed.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === TRIAGE_CHANNEL),
    ).toHaveLength(0);
  });

  it('ignores messages from bots and edits in DMs', async () => {
    await bed.slack.event({
      type: 'message',
      channel: 'D0DANA',
      channel_type: 'im',
      bot_id: 'B0BOT',
      text: 'hello',
      ts: '1.1',
    });
    await bed.slack.event({
      type: 'message',
      subtype: 'message_changed',
      channel: 'D0DANA',
      channel_type: 'im',
      ts: '1.2',
    });
    await handled(bed);
    expect(bed.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it("choosing another team redraws the form with that team's categories, keeping the description", async () => {
    const since = bed.fake.mark();
    await bed.slack.command({ user: DANA, text: 'VPN will not connect' });
    const modal = await openedModal(bed, since);
    expect(JSON.stringify(modal.view.blocks)).toContain('"HVAC"');
    await bed.slack.blockAction({
      user: DANA,
      actionId: 'choose_team',
      selectedOption: 'it',
      view: {
        id: modal.id,
        hash: 'h1',
        private_metadata: modal.view.private_metadata,
        state: {
          values: {
            description: { description: { type: 'plain_text_input', value: 'VPN will not connect' } },
          },
        },
      },
    });
    const update = await bed.fake.waitFor((c) => c.method === 'views.update');
    expect(update.params.view_id).toBe(modal.id);
    const blocks = JSON.stringify((update.params.view as { blocks: unknown[] }).blocks);
    expect(blocks).toContain('"Laptop"');
    expect(blocks).not.toContain('"HVAC"');
    expect(blocks).toContain('VPN will not connect');
  });

  it('a :ticket: on a thread reply files the reply; on a bot message it files nothing', async () => {
    bed.fake.addMessage('C0GENERAL', { ts: '1763000000.000500', user: EVE, text: 'Anyone else cold?' });
    bed.fake.addMessage('C0GENERAL', {
      ts: '1763000000.000600',
      user: DANA,
      text: 'Yes, the heating is off on 3',
      thread_ts: '1763000000.000500',
    });
    bed.fake.addMessage('C0GENERAL', {
      ts: '1763000000.000700',
      user: 'U0BOT',
      bot_id: 'B0BOT',
      text: 'FAC-1 · HVAC',
    });
    const react = (ts: string, eventId: string) =>
      bed.slack.event(
        {
          type: 'reaction_added',
          user: EVE,
          reaction: 'ticket',
          item: { type: 'message', channel: 'C0GENERAL', ts },
        },
        { eventId },
      );
    await react('1763000000.000700', 'Ev0BOTMSG');
    await react('1763000000.000600', 'Ev0REPLY');
    await bed.fake.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === DANA);
    const request = await onlyRequest();
    expect(request).toMatchObject({ description: 'Yes, the heating is off on 3', sourceEntry: 'reaction' });
    expect(bed.fake.callsTo('conversations.replies').length).toBeGreaterThan(0);
  });
});
