import type { SlackConfig } from '../../../src/config.js';
import { startTestApp, type TestApp } from '../../support/app-harness.js';
import { type ConnectorCall, FakeBotConnector } from '../../support/fake-bot-connector.js';
import type { Activity } from '../../support/teams-activities.js';

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
  const attachments = call?.body.attachments as Array<{ contentType: string; content: Card }> | undefined;
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

/** Everything a person can read on a card, joined: TextBlocks, facts, labels, buttons. */
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
  return out.join('\n');
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
