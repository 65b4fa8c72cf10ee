import {
  filedExpectation,
  renderSentence,
  requesterSentence,
  type Sentence,
  type SentenceStyle,
  teamSentence,
} from '../../../src/domain/event-sentence.js';
import type { RequestEvent, RequestView } from '../../../src/domain/request.js';
import { formatWhen } from './format.js';
import { escapeMrkdwn, personLabel, userText } from './mrkdwn.js';

/** Sentences as Slack mrkdwn: what people wrote escaped, references bold, moments in the reader's zone. */
const MRKDWN: SentenceStyle = {
  user: escapeMrkdwn,
  person: personLabel,
  ref: (ref) => `*${ref}*`,
  moment: formatWhen,
};

function mrkdwnSentence(sentence: Sentence): string {
  return renderSentence(sentence, MRKDWN);
}

/** One line of the triage card's thread. */
export function threadNote(view: RequestView, event: RequestEvent): string {
  return mrkdwnSentence(teamSentence(view, event));
}

/**
 * The requester's DM about one event, under the request it is about (as on Teams' update card),
 * so someone with several requests open knows which one moved.
 */
export function requesterMessage(view: RequestView, event: RequestEvent): string {
  if (event.type === 'filed') return filedMessage(view, event);
  const { request } = view;
  return `*${request.ref}* · ${escapeMrkdwn(request.category)}\n${mrkdwnSentence(requesterSentence(view, event))}`;
}

/** The receipt for a filed request: its reference, what was asked, and when to expect an answer. */
function filedMessage(view: RequestView, event: RequestEvent): string {
  const { request } = view;
  const where = request.location ? ` at ${escapeMrkdwn(request.location)}` : '';
  return [
    mrkdwnSentence(requesterSentence(view, event)),
    `${escapeMrkdwn(request.category)}${where}: ${userText(request.description, 1_500)}`,
    mrkdwnSentence(filedExpectation(view)),
  ].join('\n');
}
