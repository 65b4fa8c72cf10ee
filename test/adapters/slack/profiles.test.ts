import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliver, EVE, fileBySlash, type SlackTestbed, startSlackTestbed } from './slack-harness.js';

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
    bed.app.database.db.person.findUniqueOrThrow({
      where: { platform_platformUserId: { platform: 'slack', platformUserId: userId } },
    });

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
    const lookups = await bed.app.database.db.job.findMany({ where: { kind: 'person.profile' } });
    expect(lookups.map((job) => job.status)).toEqual(['done']);
  });
});
