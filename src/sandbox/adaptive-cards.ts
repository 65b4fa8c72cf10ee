import type { ConnectorCall } from './fake-bot-connector.js';

export type Card = { type: string; body?: unknown[]; actions?: unknown[] };
export type ExecuteAction = { title: string; verb: string; data: Record<string, unknown> };

/** The Adaptive Card a connector call carried (first attachment; a new thread carries it inside `activity`). */
export function cardOf(call: ConnectorCall | undefined): Card {
  const body = (call?.body.activity ?? call?.body) as Record<string, unknown> | undefined;
  const attachments = body?.attachments as Array<{ contentType: string; content: Card }> | undefined;
  const card = attachments?.[0]?.content;
  if (!card) throw new Error(`no card in ${JSON.stringify(call?.body).slice(0, 300)}`);
  return card;
}

/** The card an `adaptiveCard/action` invoke answered with. */
export function responseCard(body: unknown): Card {
  const response = body as { type?: string; value?: Card };
  if (response.type !== 'application/vnd.microsoft.card.adaptive' || !response.value) {
    throw new Error(`not a card response: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return response.value;
}

function walk(node: unknown, visit: (element: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
  } else if (node && typeof node === 'object') {
    const element = node as Record<string, unknown>;
    visit(element);
    for (const value of Object.values(element)) if (typeof value === 'object') walk(value, visit);
  }
}

/** Everything a person can read on a card, with markdown's backslash escapes resolved as Teams shows them. */
export function cardTextOf(card: unknown): string {
  const out: string[] = [];
  walk(card, (element) => {
    for (const key of ['text', 'title', 'value', 'label'])
      if (typeof element[key] === 'string') out.push(element[key]);
  });
  return out.join('\n').replace(/\\(.)/g, '$1');
}

/** The Action.Execute buttons on a card, including those inside Action.ShowCard. */
export function executeActions(card: unknown): ExecuteAction[] {
  const found: ExecuteAction[] = [];
  walk(card, (element) => {
    if (element.type === 'Action.Execute') {
      found.push({
        title: String(element.title),
        verb: String(element.verb),
        data: (element.data ?? {}) as Record<string, unknown>,
      });
    }
  });
  return found;
}

/** The choices of a card's Input.ChoiceSet (found inside Action.ShowCard too), as title → value. */
export function choicesOf(card: unknown, inputId: string): Array<{ title: string; value: string }> {
  let found: Array<{ title: string; value: string }> = [];
  walk(card, (element) => {
    if (element.type === 'Input.ChoiceSet' && element.id === inputId)
      found = (element.choices ?? []) as Array<{ title: string; value: string }>;
  });
  return found;
}
