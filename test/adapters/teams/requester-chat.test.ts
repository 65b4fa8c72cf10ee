import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  botAddedToTeam,
  cardAction,
  installationUpdate,
  message,
  personalConversation,
  TENANT_ID,
  TRIAGE_CHANNEL,
  users,
} from '../../../src/sandbox/teams-activities.js';
import { listTeamQueue } from '../../../src/services/list-requests.js';
import {
  cardOf,
  cardTextOf,
  executeActions,
  responseCard,
  startTeamsApp,
  type TeamsTestApp,
} from './teams-harness.js';

const riley = users.riley;
const chatId = personalConversation(riley).id as string;

describe('Teams: filing a request in the 1:1 chat', () => {
  let t: TeamsTestApp;
  beforeEach(async () => {
    t = await startTeamsApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const storedRef = (key: string) =>
    t.app.database.db
      .selectFrom('conversationRefs')
      .selectAll()
      .where('platform', '=', 'teams')
      .where('key', '=', key)
      .executeTakeFirst();

  /** Sends free text, picks Facilities, and returns the form card's message id and the form. */
  async function openForm(text: string) {
    const sent = await t.post(message(t.connector.url, riley, text));
    expect(sent.status).toBe(200);
    const picker = t.connector.messagesIn(chatId).at(-1);
    const facilities = executeActions(cardOf(picker)).find((a) => a.title === 'Facilities');
    expect(facilities).toBeDefined();
    const chosen = await t.post(
      cardAction(t.connector.url, riley, {
        verb: 'chooseTeam',
        data: facilities?.data ?? {},
        replyToId: picker?.activityId ?? '',
        where: 'personal',
      }),
    );
    return { cardId: picker?.activityId ?? '', form: responseCard(chosen.body) };
  }

  function submit(cardId: string, formData: Record<string, unknown>) {
    return t.post(
      cardAction(t.connector.url, riley, {
        verb: 'fileRequest',
        data: formData,
        replyToId: cardId,
        where: 'personal',
      }),
    );
  }

  it('turns free text into a form prefilled with it, then files it and answers with the reference and what to expect', async () => {
    const { cardId, form } = await openForm('request The radiator in room 2.14 is cold');
    expect(cardTextOf(form)).toContain('New request for Facilities');
    const description = (form.body as Array<Record<string, unknown>>).find((e) => e.id === 'description');
    expect(description?.value).toBe('The radiator in room 2.14 is cold');
    const fileButton = executeActions(form).find((a) => a.verb === 'fileRequest');

    const filed = await submit(cardId, {
      ...fileButton?.data,
      description: 'The radiator in room 2.14 is cold',
      category: 'HVAC',
      location: 'HQ Floor 2',
      neededBy: 'today',
    });
    const confirmation = cardTextOf(responseCard(filed.body));
    expect(confirmation).toContain('Filed FAC-');
    expect(confirmation).toContain('aims to pick it up by {{DATE(');
    expect(confirmation).toContain('You will hear here whenever something changes.');
    const queue = await listTeamQueue(t.app.deps, 'facilities');
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({
      category: 'HVAC',
      location: 'HQ Floor 2',
      sourcePlatform: 'teams',
      sourceEntry: 'teams_chat',
    });
  });

  it('files one request when the button is clicked twice', async () => {
    const { cardId, form } = await openForm('The printer on floor 1 is jammed');
    const data = {
      ...executeActions(form).find((a) => a.verb === 'fileRequest')?.data,
      description: 'The printer on floor 1 is jammed',
      category: 'Other',
      neededBy: 'this_week',
    };
    const [first, second] = await Promise.all([submit(cardId, data), submit(cardId, data)]);
    const refs = [first, second].map((r) => /Filed (FAC-\d+)/.exec(cardTextOf(responseCard(r.body)))?.[1]);
    expect(refs[0]).toBeDefined();
    expect(refs[1]).toBe(refs[0]);
    expect(await listTeamQueue(t.app.deps, 'facilities')).toHaveLength(1);
  });

  it('shows what is wrong on the returned form and keeps what was typed', async () => {
    const { cardId, form } = await openForm('x');
    const data = {
      ...executeActions(form).find((a) => a.verb === 'fileRequest')?.data,
      description: 'no',
      category: 'Teleportation',
      neededByDate: '2020-01-01',
    };
    const answer = responseCard((await submit(cardId, data)).body);
    const text = cardTextOf(answer);
    expect(text).toContain('Please check the fields marked below.');
    expect(text).toMatch(/Pick one of the listed categories|at least 3 characters/);
    const description = (answer.body as Array<Record<string, unknown>>).find((e) => e.id === 'description');
    expect(description?.value).toBe('no');
    expect(await listTeamQueue(t.app.deps, 'facilities')).toHaveLength(0);
  });

  it('asks when it is needed by if neither a choice nor a date is given', async () => {
    const { cardId, form } = await openForm('A chair is broken');
    const data = {
      ...executeActions(form).find((a) => a.verb === 'fileRequest')?.data,
      description: 'A chair is broken',
      category: 'Furniture',
    };
    const text = cardTextOf(responseCard((await submit(cardId, data)).body));
    expect(text).toContain('Say when you need it, or pick a date.');
  });

  it('lists my requests on "my requests"', async () => {
    const { cardId, form } = await openForm('Leaking tap in the kitchen');
    await submit(cardId, {
      ...executeActions(form).find((a) => a.verb === 'fileRequest')?.data,
      description: 'Leaking tap in the kitchen',
      category: 'Plumbing',
      neededBy: 'no_rush',
    });
    await t.post(message(t.connector.url, riley, 'my requests'));
    const list = cardTextOf(cardOf(t.connector.messagesIn(chatId).at(-1)));
    expect(list).toContain('My requests');
    expect(list).toMatch(/FAC-\d+.*Facilities.*Plumbing.*New/);
    expect(list).toContain('Leaking tap in the kitchen');
  });

  it('stores the 1:1 conversation reference on install and says hello', async () => {
    const response = await t.post(installationUpdate(t.connector.url, riley));
    expect(response.status).toBe(200);
    const stored = await storedRef('user:aad-riley');
    expect(JSON.parse(stored?.reference ?? '{}')).toMatchObject({
      conversationId: chatId,
      serviceUrl: t.connector.url,
    });
    expect(cardTextOf(cardOf(t.connector.messagesIn(chatId).at(-1)))).toContain('my requests');
  });

  it('stores the channel’s reference when the bot is added to a team', async () => {
    await t.post(botAddedToTeam(t.connector.url, users.sam));
    const stored = await storedRef(`channel:${TRIAGE_CHANNEL}`);
    expect(JSON.parse(stored?.reference ?? '{}')).toMatchObject({
      conversationId: TRIAGE_CHANNEL,
      isGroup: true,
      tenantId: TENANT_ID,
    });
  });

  it('answers a card for a team that is no longer set up with a clear message', async () => {
    const answer = await t.post(
      cardAction(t.connector.url, riley, {
        verb: 'chooseTeam',
        data: { formId: 'old-form', teamId: 'catering' },
        replyToId: 'old-card',
        where: 'personal',
      }),
    );
    expect(answer.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'That team is not set up in gapdesk.',
    });
  });
});
