import { type Card, cardOf, cardTextOf, executeActions, responseCard } from './adaptive-cards.js';
import type { FakeBotConnector } from './fake-bot-connector.js';
import {
  type Activity,
  cardAction,
  fetchTask,
  installationUpdate,
  message,
  messagePayload,
  personalConversation,
  submitAction,
  type TeamsUser,
} from './teams-activities.js';

export type Post = (activity: Activity) => Promise<{ status: number; body: unknown }>;

/** POSTs activities to gapdesk's /api/messages as the Bot Connector would. */
export function activityPoster(baseUrl: string): Post {
  return async (activity) => {
    const response = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`gapdesk answered ${response.status}: ${text.slice(0, 200)}`);
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
}

/**
 * A person in the sandbox Teams tenant: chats with the bot, fills its cards and presses their
 * buttons, by sending gapdesk the activities Teams would send.
 */
export class TeamsSandboxPerson {
  constructor(
    readonly user: TeamsUser,
    private readonly connector: FakeBotConnector,
    private readonly post: Post,
  ) {}

  install(): Promise<unknown> {
    return this.post(installationUpdate(this.connector.url, this.user));
  }

  /** Writes to the bot, picks the team if asked, fills the form and files it. Returns the card's text. */
  async fileFromChat(text: string, fields: Record<string, string>, teamName = 'Facilities'): Promise<string> {
    const chatId = String(personalConversation(this.user).id);
    await this.post(message(this.connector.url, this.user, text));
    const reply = this.connector.messagesIn(chatId).at(-1);
    let form = cardOf(reply);
    const picker = executeActions(form).find((action) => action.title === teamName);
    if (picker) form = await this.pressInChat(reply?.activityId ?? '', picker.verb, picker.data);
    const submit = executeActions(form).find((action) => action.verb === 'fileRequest');
    if (!submit) throw new Error('no File request button on the form');
    const filed = await this.pressInChat(reply?.activityId ?? '', submit.verb, { ...submit.data, ...fields });
    return cardTextOf(filed);
  }

  /** "Turn into a request" on someone's message: the dialog, the team, the form, filed. */
  async turnIntoRequest(
    author: TeamsUser,
    html: string,
    fields: Record<string, string>,
    teamName = 'Facilities',
  ) {
    const payload = messagePayload(author, html);
    let dialog = dialogCard((await this.post(fetchTask(this.connector.url, this.user, payload))).body);
    const picker = (
      dialog.actions as Array<{ title: string; data: Record<string, unknown> }> | undefined
    )?.find((action) => action.title === teamName);
    if (picker)
      dialog = dialogCard(
        (await this.post(submitAction(this.connector.url, this.user, payload, picker.data))).body,
      );
    const formData =
      (dialog.actions as Array<{ data: Record<string, unknown> }> | undefined)?.[0]?.data ?? {};
    return this.post(submitAction(this.connector.url, this.user, payload, { ...formData, ...fields }));
  }

  /** Presses the button labelled `title` on a card the bot posted in this person's 1:1 chat. */
  async pressOnChatCard(
    posted: { activityId?: string; card: unknown },
    title: string,
    extra: Record<string, unknown> = {},
  ) {
    const action = executeActions(posted.card).find((candidate) => candidate.title === title);
    if (!action) throw new Error(`no button "${title}" on that card`);
    return this.pressInChat(posted.activityId ?? '', action.verb, { ...action.data, ...extra });
  }

  /** Presses the button labelled `title` on a triage card in the team channel thread `threadId`. */
  async pressOnTriageCard(
    threadId: string,
    card: unknown,
    title: string,
    extra: Record<string, unknown> = {},
  ) {
    const action = executeActions(card).find((candidate) => candidate.title === title);
    if (!action) throw new Error(`no button "${title}" on the triage card`);
    const answer = await this.post(
      cardAction(this.connector.url, this.user, {
        verb: action.verb,
        data: { ...action.data, ...extra },
        replyToId: threadId,
        where: 'channel',
        threadId,
      }),
    );
    return responseCard(answer.body);
  }

  private async pressInChat(replyToId: string, verb: string, data: Record<string, unknown>): Promise<Card> {
    const answer = await this.post(
      cardAction(this.connector.url, this.user, { verb, data, replyToId, where: 'personal' }),
    );
    return responseCard(answer.body);
  }
}

function dialogCard(body: unknown): Card {
  const task = (body as { task?: { value?: { card?: { content?: Card } } } }).task;
  const card = task?.value?.card?.content;
  if (!card) throw new Error(`not a dialog card: ${JSON.stringify(body).slice(0, 300)}`);
  return card;
}
