import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deliver,
  dmsTo,
  EVE,
  fileBySlash,
  openedModal,
  requestIdOf,
  SAM,
  type SlackTestbed,
  startSlackTestbed,
  submitModal,
  TRIAGE_CHANNEL,
} from './slack-harness.js';

const NIA = 'U0NIA';
const file = (bed: SlackTestbed, user: string, description: string) =>
  fileBySlash(bed, user, description, { category: 'HVAC', description, needed_by: 'today' });

describe('who people are on Slack', () => {
  let bed: SlackTestbed;
  beforeEach(async () => {
    bed = await startSlackTestbed();
    bed.fake.addUser({ id: NIA, name: 'nia', real_name: 'Nia Carter', tz: 'America/New_York' });
  });
  afterEach(async () => {
    await bed.closeAll();
  });

  const person = (userId: string) =>
    bed.app.database.db
      .selectFrom('people')
      .selectAll()
      .where('platform', '=', 'slack')
      .where('platformUserId', '=', userId)
      .executeTakeFirstOrThrow();

  it("learns a requester's real name and timezone from users.info once, and a later payload's handle does not replace them", async () => {
    await file(bed, NIA, 'The heating in room 12 is off');
    await deliver(bed);
    expect(await person(NIA)).toMatchObject({ name: 'Nia Carter', timezone: 'America/New_York' });

    await file(bed, NIA, 'And the blinds in room 12 are stuck');
    await deliver(bed);
    expect(bed.fake.callsTo('users.info').map((call) => call.params.user)).toEqual([NIA]);
    expect(await person(NIA)).toMatchObject({ name: 'Nia Carter', timezone: 'America/New_York' });
  });

  it('someone Slack does not know keeps their handle, and the lookup is not retried or parked', async () => {
    await file(bed, EVE, 'The kitchen tap is dripping');
    await deliver(bed);
    expect(await person(EVE)).toMatchObject({ name: EVE.toLowerCase(), timezone: null });
    const lookups = await bed.app.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'person.profile')
      .execute();
    expect(lookups.map((job) => job.status)).toEqual(['done']);
  });

  it('never looks up a bot: a message from another bot asks nothing', async () => {
    const bot = {
      type: 'message',
      channel: 'D0DANA',
      channel_type: 'im',
      user: 'U0OTHERBOT',
      bot_id: 'B0OTHER',
    };
    await bed.slack.event(
      { ...bot, text: 'Deploy finished', ts: '1763000000.000900' },
      { eventId: 'Ev0BOT' },
    );
    // deliver waits for the event's handling (Bolt acknowledges events first) and then the queue.
    await deliver(bed);
    expect(bed.fake.callsTo('users.info')).toEqual([]);
  });

  it("surveys a Slack requester in their own working hours, not the team's", async () => {
    // Friday 27 Nov 2026, 17:30 in London (the team) is 12:30 in New York (Nia).
    bed.clock.set('2026-11-27T17:30:00Z');
    const { ref } = await file(bed, NIA, 'The heating in room 12 is off');
    const requestId = await requestIdOf(bed, ref);
    await deliver(bed);
    const triage = { user: SAM, value: requestId, channel: TRIAGE_CHANNEL, messageTs: '1.0' };
    await bed.slack.blockAction({ ...triage, actionId: 'triage_take' });
    const since = bed.fake.mark();
    await bed.slack.blockAction({ ...triage, actionId: 'triage_resolve' });
    await submitModal(bed, SAM, await openedModal(bed, since), { resolution: 'Bled the radiator' });
    await deliver(bed);

    // An hour later it is 18:30 in London, after the team's window, but 13:30 in New York.
    bed.clock.set('2026-11-27T18:31:00Z');
    await deliver(bed);
    const survey = dmsTo(bed, NIA).find((dm) =>
      JSON.stringify(dm.params.blocks ?? []).includes('survey_score:'),
    );
    expect(survey).toBeDefined();
  });
});
