import type { SlackConfig } from '../../../src/config.js';
import { type ConnectorCall, FakeBotConnector } from '../../../src/sandbox/fake-bot-connector.js';
import {
  type Activity,
  cardAction,
  message,
  personalConversation,
  type TeamsUser,
} from '../../../src/sandbox/teams-activities.js';
import { findRequestByRef } from '../../../src/services/list-requests.js';
import { startTestApp, type TestApp } from '../../support/app-harness.js';

export type TeamsTestApp = TestApp & {
  connector: FakeBotConnector;
  /** POSTs an activity to /api/messages; the parsed JSON body (invokes) and status. */
  post(activity: Activity): Promise<{ status: number; body: unknown }>;
};

/** The real app with Teams on (auth off) and a fake Bot Connector the activities point at. */
export async function startTeamsApp(options: { slack?: SlackConfig } = {}): Promise<TeamsTestApp> {
  const connector = await FakeBotConnector.start();
  const test = await startTestApp({ msteams: { auth: 'off' }, ...options });
  return {
    ...test,
    connector,
    post: async (activity) => {
      const response = await fetch(`${test.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    close: async () => {
      await test.close();
      await connector.close();
    },
  };
}

type Card = { type: string; body?: unknown[]; actions?: unknown[] };

/** The Adaptive Card a connector call carried (first attachment). */
export function cardOf(call: ConnectorCall | undefined): Card {
  // A new channel thread carries its first message inside the createConversation body.
  const body = (call?.body.activity ?? call?.body) as Record<string, unknown> | undefined;
  const attachments = body?.attachments as Array<{ contentType: string; content: Card }> | undefined;
  const card = attachments?.[0]?.content;
  if (!card) throw new Error(`no card in ${JSON.stringify(call?.body).slice(0, 300)}`);
  return card;
}

/** The card an invoke answered with (adaptiveCard/action). */
export function responseCard(body: unknown): Card {
  const response = body as { statusCode?: number; type?: string; value?: Card };
  if (response.type !== 'application/vnd.microsoft.card.adaptive' || !response.value) {
    throw new Error(`not a card response: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return response.value;
}

/**
 * Everything a person can read on a card, joined: TextBlocks, facts, labels, buttons — with
 * markdown's backslash escapes resolved as Teams renders them.
 */
export function cardTextOf(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label'])
      if (typeof element[key] === 'string') out.push(element[key]);
    for (const value of Object.values(element)) if (typeof value === 'object') walk(value);
  };
  walk(card);
  return out.join('\n').replace(/\\(.)/g, '$1');
}

/** The Action.Execute buttons on a card (including those inside Action.ShowCard). */
export function executeActions(
  card: unknown,
): Array<{ title: string; verb: string; data: Record<string, unknown> }> {
  const found: Array<{ title: string; verb: string; data: Record<string, unknown> }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'Action.Execute') {
      found.push({
        title: String(element.title),
        verb: String(element.verb),
        data: (element.data ?? {}) as Record<string, unknown>,
      });
    }
    for (const value of Object.values(element)) if (typeof value === 'object') walk(value);
  };
  walk(card);
  return found;
}

/** Files a request the way a Teams user does (message → Facilities → form → File request). */
export async function fileFromChat(
  t: TeamsTestApp,
  user: TeamsUser,
  fields: { description: string; category?: string; neededBy?: string; location?: string },
): Promise<{ ref: string; requestId: string }> {
  const chatId = personalConversation(user).id as string;
  await t.post(message(t.connector.url, user, fields.description));
  const picker = t.connector.messagesIn(chatId).at(-1);
  const facilities = executeActions(cardOf(picker)).find((a) => a.title === 'Facilities');
  const replyToId = picker?.activityId ?? '';
  const form = responseCard(
    (
      await t.post(
        cardAction(t.connector.url, user, {
          verb: 'chooseTeam',
          data: facilities?.data ?? {},
          replyToId,
          where: 'personal',
        }),
      )
    ).body,
  );
  const data = {
    ...executeActions(form).find((a) => a.verb === 'fileRequest')?.data,
    category: 'HVAC',
    neededBy: 'today',
    ...fields,
  };
  const filed = await t.post(
    cardAction(t.connector.url, user, { verb: 'fileRequest', data, replyToId, where: 'personal' }),
  );
  const ref = /Filed (\w+-\d+)/.exec(cardTextOf(responseCard(filed.body)))?.[1];
  if (!ref) throw new Error('not filed');
  const request = await findRequestByRef(t.app.deps, ref);
  return { ref, requestId: request?.id ?? '' };
}

/** The triage card's thread (conversation id) and message id, as the bot created them. */
export function triageThread(
  t: TeamsTestApp,
  ref: string,
): { threadId: string; messageId: string; conversationId: string } {
  const created = t.connector
    .delivered()
    .find((call) => call.kind === 'createConversation' && cardTextOf(cardOf(call)).includes(ref));
  if (!created?.activityId) throw new Error(`no triage card for ${ref}`);
  return {
    threadId: created.activityId,
    messageId: created.activityId,
    conversationId: created.conversationId,
  };
}

/** Clicks an Action.Execute on the triage card as `user`. */
export function clickTriage(
  t: TeamsTestApp,
  user: TeamsUser,
  ref: string,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ status: number; body: unknown }> {
  const thread = triageThread(t, ref);
  return t.post(
    cardAction(t.connector.url, user, {
      verb,
      data,
      replyToId: thread.messageId,
      where: 'channel',
      threadId: thread.threadId,
    }),
  );
}
