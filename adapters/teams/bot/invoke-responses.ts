import type { CardElement } from '../cards/card.js';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** adaptiveCard/action answer: the card that replaces the one clicked. */
export function cardResponse(card: CardElement): object {
  return { statusCode: 200, type: ADAPTIVE, value: card };
}

/** adaptiveCard/action answer: a message shown to the person who clicked; the card stays as it was. */
export function messageResponse(text: string): object {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

/** Message extension answer: show (or re-show) a dialog with this card. */
export function taskCard(title: string, card: CardElement): object {
  return {
    task: {
      type: 'continue',
      value: { title, width: 'medium', height: 'large', card: { contentType: ADAPTIVE, content: card } },
    },
  };
}

/** Message extension answer: close the dialog with a short message. */
export function taskMessage(text: string): object {
  return { task: { type: 'message', value: text } };
}
