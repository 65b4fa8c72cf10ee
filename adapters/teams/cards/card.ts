/** Adaptive Card JSON is plain data; these are the few element shapes the builders share. */
export type CardElement = Record<string, unknown>;

/** 1.5: Teams' Universal Actions (Action.Execute) and input labels/errorMessage need ≥ 1.4. */
export const CARD_VERSION = '1.5';

export function adaptiveCard(body: CardElement[], actions: CardElement[] = []): CardElement {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

export function heading(text: string): CardElement {
  return { type: 'TextBlock', text, weight: 'Bolder', size: 'Medium', wrap: true };
}

export function paragraph(text: string, extra: CardElement = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

export function attention(text: string): CardElement {
  return { type: 'TextBlock', text, wrap: true, color: 'Attention', weight: 'Bolder' };
}

/** Title/value pairs; both are card text (escape user parts before). */
export function facts(pairs: Array<[string, string | null | undefined]>): CardElement {
  return {
    type: 'FactSet',
    facts: pairs
      .filter((pair): pair is [string, string] => Boolean(pair[1]))
      .map(([title, value]) => ({ title, value })),
  };
}

export function execute(
  title: string,
  verb: string,
  data: Record<string, unknown>,
  extra: CardElement = {},
): CardElement {
  return { type: 'Action.Execute', title, verb, data, ...extra };
}

/** A button that unfolds a small form under the card, with its own submit. */
export function showCard(title: string, body: CardElement[], actions: CardElement[]): CardElement {
  return {
    type: 'Action.ShowCard',
    title,
    card: { type: 'AdaptiveCard', version: CARD_VERSION, body, actions },
  };
}
