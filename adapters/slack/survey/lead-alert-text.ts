import { SHORTFALL_FOLLOW_UP, scaleOption } from '../../../src/domain/survey-questions.js';
import type { SurveyView } from '../../../src/domain/survey-view.js';
import { teamLeads } from '../../../src/domain/team-access.js';
import { LIMIT } from '../blocks/limits.js';
import { escapeMrkdwn, mentionUser, quote, truncate, userText } from '../blocks/mrkdwn.js';

/**
 * The short alert in the triage card's thread after a bad survey answer. It mentions the team's
 * leads on purpose (ids from config); the requester's words are escaped and quoted.
 */
export function leadAlertText(view: SurveyView): string {
  const leads = teamLeads(view.team, 'slack').map(mentionUser).join(' ') || 'Team';
  const who = escapeMrkdwn(view.requester.name);
  const lines: string[] = [];
  if (view.state === 'not_fixed') {
    lines.push(`:warning: ${leads} ${who} says ${view.request.ref} is not fixed (survey).`);
  } else if (view.score !== null && view.score < 0) {
    const answer = escapeMrkdwn(scaleOption(view.score).label);
    lines.push(`:warning: ${leads} ${who} rated ${view.request.ref} on ${view.dimension}: *${answer}*.`);
  } else {
    const answer = view.score === null ? 'no answer' : escapeMrkdwn(scaleOption(view.score).label);
    lines.push(`${who} changed their ${view.request.ref} survey answer to: ${answer}.`);
  }
  const shortfall = SHORTFALL_FOLLOW_UP.choices.find((choice) => choice.shortfall === view.shortfall);
  if (shortfall) lines.push(`What fell short (${shortfall.shortfall}): ${escapeMrkdwn(shortfall.label)}`);
  if (view.comment) lines.push(quote(userText(view.comment, LIMIT.messageText - 600)));
  return truncate(lines.join('\n'), LIMIT.messageText);
}
