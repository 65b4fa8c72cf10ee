import { clipText } from './clip-text.js';
import type { Dimension, GapScore, Shortfall } from './dimensions.js';
import { DIMENSIONS } from './dimensions.js';
import type { Platform } from './request.js';
import type { ImportanceRole } from './survey.js';
import { IMPORTANCE_POLL, SURVEY_TEXTS } from './survey-questions.js';
import type { Team } from './team.js';

/**
 * What the requester's survey message should show now:
 * - `open`: the question with its five scale buttons and "Not fixed";
 * - `asking_shortfall`: a −1/−2 answer is in, the three-R buttons are offered;
 * - `answered`: the thank-you and "Add a comment", nothing else;
 * - `not_fixed`: the request was reopened; nothing more to do;
 * - `closed`: expired; buttons answer "this survey has closed".
 */
export type SurveyState = 'open' | 'asking_shortfall' | 'answered' | 'not_fixed' | 'closed';

/** Someone a survey or poll is addressed to, as the platform knows them. */
export type SurveyRecipient = { personId: string; platform: Platform; userId: string; name: string };

/** Everything a platform needs to draw a survey message or a lead alert; renderers query nothing. */
export type SurveyView = {
  surveyId: string;
  round: number;
  team: Team;
  request: { id: string; ref: string; summary: string };
  requester: SurveyRecipient;
  dimension: Dimension;
  /** The intro line and the question, plain text (adapters escape and format). */
  intro: string;
  question: string;
  state: SurveyState;
  score: GapScore | null;
  shortfall: Shortfall | null;
  comment: string | null;
  /** Whether taps and comments are still taken (sent or answered, before expiry). */
  acceptsChanges: boolean;
  /** The acknowledgement to show once answered, reopened or closed; null while open. */
  message: string | null;
  sentAt: Date | null;
  remindedAt: Date | null;
  expiresAt: Date | null;
};

/** Why leads are alerted: a −1/−2 score, or later detail (a shortfall or comment) on one. */
export type LeadAlertTrigger = 'score' | 'shortfall' | 'comment';

/** The first line of a request description, shortened for a survey intro. */
export function requestSummary(description: string, max = 80): string {
  const firstLine = description.split('\n')[0]?.trim() ?? '';
  return clipText(firstLine, max);
}

/** The state to draw, from the stored row and the time: expiry closes an unanswered survey. */
export function surveyState(
  survey: { status: string; score: number | null; shortfall: string | null; expiresAt: Date | null },
  now: Date,
): SurveyState {
  // Not yet sent: drawn as it will be delivered; the send sets the real expiry.
  if (survey.status === 'scheduled') return 'open';
  if (survey.status === 'not_fixed') return 'not_fixed';
  if (survey.status === 'expired') return 'closed';
  const expired = survey.expiresAt !== null && survey.expiresAt.getTime() <= now.getTime();
  if (survey.status === 'answered' && survey.score !== null) {
    if (survey.score < 0 && survey.shortfall === null && !expired) return 'asking_shortfall';
    return 'answered';
  }
  return expired ? 'closed' : 'open';
}

/** The acknowledgement line for a state. */
export function surveyMessage(state: SurveyState, shortfall: Shortfall | null): string | null {
  switch (state) {
    case 'answered':
      return shortfall ? SURVEY_TEXTS.thankYouAfterShortfall : SURVEY_TEXTS.thankYou;
    case 'asking_shortfall':
      return SURVEY_TEXTS.thankYou;
    case 'not_fixed':
      return SURVEY_TEXTS.notFixed;
    case 'closed':
      return SURVEY_TEXTS.closed;
    default:
      return null;
  }
}

/** The one-tap "which matters most?" poll for one person. */
export type ImportancePollView = {
  teamId: string;
  teamName: string;
  /** The poll's period key, e.g. "2026-Q4". */
  poll: string;
  role: ImportanceRole;
  recipient: SurveyRecipient;
  question: string;
  options: { dimension: Dimension; label: string; explanation: string }[];
  /** The vote recorded so far, null before it; adapters show the thank-you once set. */
  vote: Dimension | null;
  thankYou: string;
};

/** The poll's wording for a role, in DIMENSIONS order. */
export function importancePollText(role: ImportanceRole): Pick<ImportancePollView, 'question' | 'options'> {
  return {
    question: role === 'leader' ? IMPORTANCE_POLL.leadQuestion : IMPORTANCE_POLL.requesterQuestion,
    options: DIMENSIONS.map((dimension) => ({ dimension, ...IMPORTANCE_POLL.options[dimension] })),
  };
}
