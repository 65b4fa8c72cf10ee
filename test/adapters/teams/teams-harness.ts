import type { BotbuilderTransportOptions } from '../../../adapters/teams/botbuilder-transport.js';
import type { SlackConfig, TeamsConfig } from '../../../src/config.js';
import type { Logger } from '../../../src/logger.js';
import { cardOf, cardTextOf, executeActions, responseCard } from '../../../src/sandbox/adaptive-cards.js';
import { FakeBotConnector } from '../../../src/sandbox/fake-bot-connector.js';
import {
  type Activity,
  cardAction,
  message,
  personalConversation,
  type TeamsUser,
  users,
} from '../../../src/sandbox/teams-activities.js';
import { findRequestByRef } from '../../../src/services/list-requests.js';
import type { Provider } from '../../../src/store/schema-files.js';
import { startTestApp, type TestApp } from '../../support/app-harness.js';

export type TeamsTestApp = TestApp & {
  connector: FakeBotConnector;
  /**
   * POSTs an activity to /api/messages (with `authorization` as its Authorization header); the
   * parsed JSON body (invokes) and status.
   */
  post(activity: Activity, options?: { authorization?: string }): Promise<{ status: number; body: unknown }>;
};

/**
 * The real app with Teams on (auth off unless `msteams` says otherwise) and a fake Bot
 * Connector the activities point at. `replicaOf` starts a second replica: another app on the
 * first one's database, with a Bot Connector of its own (a second service URL).
 */
export async function startTeamsApp(
  options: {
    slack?: SlackConfig;
    provider?: Provider;
    replicaOf?: TestApp;
    msteams?: TeamsConfig;
    teamsTransport?: BotbuilderTransportOptions;
    logger?: Logger;
  } = {},
): Promise<TeamsTestApp> {
  const { replicaOf, ...rest } = options;
  const connector = await FakeBotConnector.start();
  const test = await startTestApp({
    msteams: { auth: 'off' },
    ...rest,
    ...(replicaOf ? { databaseUrl: replicaOf.databaseUrl } : {}),
  });
  return {
    ...test,
    connector,
    post: async (activity, postOptions = {}) => {
      const response = await fetch(`${test.baseUrl}/api/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(postOptions.authorization ? { authorization: postOptions.authorization } : {}),
        },
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

export {
  cardOf,
  cardTextOf,
  choicesOf,
  executeActions,
  responseCard,
} from '../../../src/sandbox/adaptive-cards.js';

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

/**
 * Riley's cold radiator, filed from the chat after Alex and Sam have talked to the bot (so
 * gapdesk knows their names), its first deliveries made: the triage tests' starting point.
 */
export async function fileColdRadiator(t: TeamsTestApp): Promise<{ ref: string; requestId: string }> {
  await t.post(message(t.connector.url, users.alex, 'hi'));
  await t.post(message(t.connector.url, users.sam, 'hi'));
  const filed = await fileFromChat(t, users.riley, {
    description: 'The radiator in room 2.14 is cold',
    category: 'HVAC',
    neededBy: 'today',
  });
  await t.app.worker.drain();
  return filed;
}
