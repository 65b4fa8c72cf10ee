import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardAction, personalConversation, users } from '../../../src/sandbox/teams-activities.js';
import { findRequestByRef } from '../../../src/services/list-requests.js';
import {
  cardOf,
  cardTextOf,
  clickTriage,
  executeActions,
  fileColdRadiator,
  startTeamsApp,
  type TeamsTestApp,
} from './teams-harness.js';

const rileyChat = personalConversation(users.riley).id as string;

describe('Teams: quiet mode', () => {
  let t: TeamsTestApp;
  let ref: string;
  let requestId: string;
  beforeEach(async () => {
    t = await startTeamsApp();
    ({ ref, requestId } = await fileColdRadiator(t));
  });
  afterEach(async () => {
    await t.close();
  });

  const toRiley = () => t.connector.messagesIn(rileyChat);

  it('a requester who chose quiet mode on an update card hears of the resolution but not of a reassignment', async () => {
    await clickTriage(t, users.alex, ref, 'take', { requestId });
    await t.app.worker.drain();
    const takenBy = (await findRequestByRef(t.app.deps, ref))?.assigneeId;
    const taken = toRiley().at(-1);
    expect(cardTextOf(cardOf(taken))).toContain('Alex Fixit from the Facilities team is on it');
    const [offer] = executeActions(cardOf(taken)).filter((a) => a.verb === 'requesterUpdates');
    expect(offer).toMatchObject({
      title: 'Only tell me when resolved or deferred',
      data: { notifyOn: 'resolved_or_deferred' },
    });

    const answer = await t.post(
      cardAction(t.connector.url, users.riley, {
        verb: 'requesterUpdates',
        data: offer?.data ?? {},
        replyToId: taken?.activityId ?? '',
        where: 'personal',
      }),
    );
    expect(answer.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'Done: I will only tell you when a request of yours is resolved or deferred.',
    });

    const before = toRiley().length;
    await clickTriage(t, users.alex, ref, 'assign', { requestId, assignee: users.sam.aadObjectId });
    await t.app.worker.drain();
    // Sam has it now, and Riley was not told.
    const reassigned = await findRequestByRef(t.app.deps, ref);
    expect(reassigned?.assigneeId).toBeTruthy();
    expect(reassigned?.assigneeId).not.toBe(takenBy);
    expect(toRiley()).toHaveLength(before);

    await clickTriage(t, users.alex, ref, 'resolve', { requestId, resolution: 'Bled the radiator' });
    await t.app.worker.drain();
    expect(toRiley()).toHaveLength(before + 1);
    const resolved = cardOf(toRiley().at(-1));
    expect(cardTextOf(resolved)).toContain('Your request is resolved: Bled the radiator');
    expect(executes(resolved)).toEqual([
      { title: 'Tell me every change', data: { notifyOn: 'every_change' } },
    ]);
  });

  it('a stale or forged choice gets the out-of-date answer and changes nothing', async () => {
    const answer = await t.post(
      cardAction(t.connector.url, users.riley, {
        verb: 'requesterUpdates',
        data: { notifyOn: 'never' },
        replyToId: 'x',
        where: 'personal',
      }),
    );
    expect(answer.body).toMatchObject({ value: 'That card is out of date. Please start again.' });
    const before = toRiley().length;
    await clickTriage(t, users.alex, ref, 'take', { requestId });
    await t.app.worker.drain();
    expect(toRiley()).toHaveLength(before + 1);
  });
});

function executes(card: ReturnType<typeof cardOf>): { title: string; data: unknown }[] {
  return executeActions(card)
    .filter((a) => a.verb === 'requesterUpdates')
    .map((a) => ({ title: a.title, data: a.data }));
}
