import { renderSentence, teamSentence } from '../../../src/domain/event-sentence.js';
import type { RequestEvent, RequestView } from '../../../src/domain/request.js';
import type { SlaAlert } from '../../../src/ports.js';
import type { Mention, OutgoingMessage } from '../bot-transport.js';
import { HTML_SENTENCE, htmlText, plainWhen } from '../cards/text.js';

/** One line of history in the card's thread. */
export function threadNote(view: RequestView, event: RequestEvent): OutgoingMessage {
  return {
    text: renderSentence(teamSentence(view, event), HTML_SENTENCE),
    summary: `${view.request.ref}: update`,
  };
}

/**
 * An SLA alert in the card's thread, mentioning whoever must act: real Teams mentions, names
 * from gapdesk's own records (escaped like any user text).
 */
export function slaAlertMessage(
  view: RequestView,
  alert: SlaAlert,
  people: Array<{ id: string; name: string }>,
): OutgoingMessage {
  const mentions: Mention[] = people.map((person) => ({
    text: `<at>${htmlText(person.name)}</at>`,
    mentioned: { id: person.id, name: person.name },
  }));
  const target = alert.clock === 'acknowledge' ? 'pick-up' : 'resolve';
  const when = plainWhen(alert.dueAt, view.team.timezone);
  const sentence =
    alert.phase === 'warning'
      ? `${view.request.ref} is close to its ${target} target (due ${when}).`
      : `${view.request.ref} has missed its ${target} target (it was due ${when}).`;
  const who = mentions.map((mention) => mention.text).join(' ');
  return { text: who ? `${who} ${sentence}` : sentence, mentions, summary: sentence };
}
