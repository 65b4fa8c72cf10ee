import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows } from '../../support/databases.js';
import {
  BOT_TOKEN,
  botCalls,
  currentCard,
  DANA,
  deliver,
  dmsTo,
  fileBySlash,
  openedModal,
  SLACK_TRANSPORTS,
  type SlackTestbed,
  startSlackTestbed,
  submitModal,
  TRIAGE_CHANNEL,
} from './slack-harness.js';

describe.each(SLACK_TRANSPORTS)('filing with /request (%s)', (transport) => {
  let bed: SlackTestbed;
  beforeEach(async () => {
    bed = await startSlackTestbed({ transport });
  });
  afterEach(async () => {
    await bed.closeAll();
  });

  it('opens the form prefilled with the text, then files it, DMs the requester and posts a triage card', async () => {
    const since = bed.fake.mark();
    const ack = await bed.slack.command({ user: DANA, text: 'The meeting room is freezing' });
    expect(ack.status).toBe(200);
    const modal = await openedModal(bed, since);
    expect(modal.view.title?.text).toBe('New request');
    expect(JSON.stringify(modal.view.blocks)).toContain('The meeting room is freezing');

    const response = await submitModal(bed, DANA, modal, {
      category: 'HVAC',
      location: 'HQ Floor 2',
      description: 'The meeting room is freezing',
      needed_by: 'today',
    });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ response_action: 'update' });
    expect(response.text).toContain('FAC-');
    await deliver(bed);

    const [dm] = dmsTo(bed, DANA);
    expect(dm?.params.text).toMatch(/filed as \*FAC-\d+\* with the Facilities team\./);
    expect(dm?.params.text).toContain('The Facilities team aims to pick it up by');
    const ref = /FAC-\d+/.exec(String(dm?.params.text))?.[0] ?? '';
    const card = currentCard(bed, ref);
    expect(card?.params.channel).toBe(TRIAGE_CHANNEL);
    const cardText = JSON.stringify(card?.params.blocks);
    expect(cardText).toContain('HQ Floor 2');
    expect(cardText).toContain('High');
    for (const label of ['Take', 'Assign…', 'Defer…', 'Waiting on…', 'Resolve…'])
      expect(cardText).toContain(`"${label}"`);
    // Listener calls (views.open) and job calls alike carry the bot token (in Socket Mode, all
    // but the app token's apps.connections.open).
    expect(new Set(botCalls(bed).map((call) => call.token))).toEqual(new Set([BOT_TOKEN]));
    // ...and both are sent as Slack's WebClient sends them: form-encoded, blocks and views as JSON text.
    const sent = bed.fake.calls.filter((call) => ['views.open', 'chat.postMessage'].includes(call.method));
    expect(sent.map((call) => call.method)).toEqual(
      expect.arrayContaining(['views.open', 'chat.postMessage']),
    );
    for (const call of sent) expect(call.contentType).toBe('application/x-www-form-urlencoded');
  });

  it('files once when the same modal is submitted twice', async () => {
    const since = bed.fake.mark();
    await bed.slack.command({ user: DANA, text: 'Bin overflowing' });
    const modal = await openedModal(bed, since);
    const answers = {
      category: 'Cleaning',
      description: 'Bin overflowing in the kitchen',
      needed_by: 'no_rush',
    };
    const first = await submitModal(bed, DANA, modal, answers);
    const second = await submitModal(bed, DANA, modal, answers);
    expect(second.text).toBe(first.text);
    await deliver(bed);
    expect(await countRows(bed.app.database.db, 'requests')).toBe(1);
    expect(dmsTo(bed, DANA)).toHaveLength(1);
    expect(
      bed.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === TRIAGE_CHANNEL),
    ).toHaveLength(1);
  });

  it('shows field errors in the modal and files nothing when the input is invalid', async () => {
    const since = bed.fake.mark();
    await bed.slack.command({ user: DANA, text: '' });
    const modal = await openedModal(bed, since);
    const response = await submitModal(bed, DANA, modal, {
      category: 'HVAC',
      description: 'no',
      needed_by: 'date',
      needed_by_date: '2020-01-01',
    });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { description: 'Tell us a little more (at least 3 characters).' },
    });
    const pastDate = await submitModal(bed, DANA, modal, {
      category: 'HVAC',
      description: 'Radiator leaking',
      needed_by: 'date',
      needed_by_date: '2020-01-01',
    });
    expect(pastDate.json()).toEqual({
      response_action: 'errors',
      errors: { needed_by_date: 'Pick a date from today on.' },
    });
    const noChoice = await submitModal(bed, DANA, modal, {
      category: 'HVAC',
      description: 'Radiator leaking',
    });
    expect(noChoice.json()).toEqual({
      response_action: 'errors',
      errors: { needed_by: 'Say when you need it.' },
    });
    await deliver(bed);
    expect(await countRows(bed.app.database.db, 'requests')).toBe(0);
    expect(bed.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('answers /request help and /request status privately without opening a modal', async () => {
    await fileBySlash(bed, DANA, 'Desk lamp broken', {
      category: 'Electrical',
      description: 'Desk lamp broken',
      needed_by: 'this_week',
    });
    const help = await bed.slack.command({ user: DANA, text: 'help' });
    expect(help.json()).toMatchObject({ response_type: 'ephemeral' });
    expect(help.text).toContain('/request status');
    const status = await bed.slack.command({ user: DANA, text: 'status' });
    expect(status.json()).toMatchObject({ response_type: 'ephemeral' });
    expect(status.text).toMatch(/FAC-\d+/);
    expect(status.text).toContain('Desk lamp broken');
    expect(bed.fake.callsTo('views.open')).toHaveLength(1);
  });
});
