import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fetchTask,
  messagePayload,
  submitAction,
  TENANT_ID,
  users,
} from '../../../src/sandbox/teams-activities.js';
import { listTeamQueue } from '../../../src/services/list-requests.js';
import { cardOf, cardTextOf, startTeamsApp, type TeamsTestApp } from './teams-harness.js';

type TaskResponse = { task: { type: string; value: unknown } };
type Card = {
  body: Array<Record<string, unknown>>;
  actions: Array<{ type: string; title: string; data: Record<string, unknown> }>;
};

function dialogCard(body: unknown): Card {
  const task = (body as TaskResponse).task;
  expect(task.type).toBe('continue');
  return (task.value as { card: { content: Card } }).card.content;
}

describe('Teams: "Turn into a request" on a message', () => {
  let t: TeamsTestApp;
  beforeEach(async () => {
    t = await startTeamsApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const payload = messagePayload(users.sam, '<p>The <b>fire door</b> on floor 2 doesn&#39;t latch</p>');

  async function openForm() {
    const picker = dialogCard((await t.post(fetchTask(t.connector.url, users.riley, payload))).body);
    const facilities = picker.actions.find((a) => a.title === 'Facilities');
    expect(facilities?.type).toBe('Action.Submit');
    return dialogCard(
      (await t.post(submitAction(t.connector.url, users.riley, payload, facilities?.data ?? {}))).body,
    );
  }

  it('opens the form in a dialog prefilled with the message text', async () => {
    const form = await openForm();
    expect(form.body.find((e) => e.id === 'description')?.value).toBe(
      "The fire door on floor 2 doesn't latch",
    );
    expect(form.actions[0]).toMatchObject({ type: 'Action.Submit', title: 'File request' });
  });

  it('files it, closes the dialog, and confirms in a new 1:1 chat started for the requester', async () => {
    const form = await openForm();
    const data = {
      ...form.actions[0]?.data,
      description: "The fire door on floor 2 doesn't latch",
      category: 'Access',
      neededBy: 'today',
    };
    const answer = (await t.post(submitAction(t.connector.url, users.riley, payload, data)))
      .body as TaskResponse;
    expect(answer.task.type).toBe('message');
    expect(answer.task.value).toMatch(/^Filed FAC-\d+\. I will keep you posted in our chat\.$/);
    const [request] = await listTeamQueue(t.app.deps, 'facilities');
    expect(request).toMatchObject({
      sourceEntry: 'teams_message_extension',
      sourcePermalink: payload.linkToMessage,
    });

    await t.app.worker.drain();
    const started = t.connector.delivered().find((c) => c.kind === 'createConversation' && !c.body.isGroup);
    expect(started?.body).toMatchObject({
      isGroup: false,
      members: [{ id: users.riley.id }],
      tenantId: TENANT_ID,
    });
    const confirmation = t.connector.messagesIn(started?.conversationId ?? '').at(-1);
    expect(cardTextOf(cardOf(confirmation))).toContain(`Filed ${request?.ref}`);
  });

  it('shows the problems in the dialog and files nothing when the input is invalid', async () => {
    const form = await openForm();
    const data = { ...form.actions[0]?.data, description: '', neededBy: 'today' };
    const again = dialogCard((await t.post(submitAction(t.connector.url, users.riley, payload, data))).body);
    expect(cardTextOf(again)).toContain('Tell us a little more (at least 3 characters).');
    expect(await listTeamQueue(t.app.deps, 'facilities')).toHaveLength(0);
  });
});
