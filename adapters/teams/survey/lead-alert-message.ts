import { clipText } from '../../../src/domain/clip-text.js';
import { SHORTFALL_FOLLOW_UP, scaleOption } from '../../../src/domain/survey-questions.js';
import type { SurveyView } from '../../../src/domain/survey-view.js';
import type { Mention, OutgoingMessage } from '../bot-transport.js';
import { htmlText } from '../cards/text.js';

/**
 * The short alert in the triage card's thread after a bad survey answer: real mentions of the
 * team's leads; the requester's name and words HTML-escaped.
 */
export function leadAlertMessage(
  view: SurveyView,
  leads: Array<{ id: string; name: string }>,
): OutgoingMessage {
  const mentions: Mention[] = leads.map((lead) => ({
    text: `<at>${htmlText(lead.name)}</at>`,
    mentioned: { id: lead.id, name: lead.name },
  }));
  const who = htmlText(view.requester.name);
  const ref = view.request.ref;
  let sentence: string;
  if (view.state === 'not_fixed') sentence = `${who} says ${ref} is not fixed (survey).`;
  else if (view.score !== null && view.score < 0)
    sentence = `${who} rated ${ref} on ${view.dimension}: <b>${htmlText(scaleOption(view.score).label)}</b>.`;
  else {
    const answer = view.score === null ? 'no answer' : htmlText(scaleOption(view.score).label);
    sentence = `${who} changed their ${ref} survey answer to: ${answer}.`;
  }
  const lines = [[...mentions.map((m) => m.text), sentence].join(' ')];
  const shortfall = SHORTFALL_FOLLOW_UP.choices.find((choice) => choice.shortfall === view.shortfall);
  if (shortfall) lines.push(`What fell short (${shortfall.shortfall}): ${htmlText(shortfall.label)}`);
  if (view.comment) lines.push(`<blockquote>${htmlText(clipText(view.comment, 2_000))}</blockquote>`);
  return { text: lines.join('<br>'), mentions, summary: `${ref}: survey answer below expectations` };
}
