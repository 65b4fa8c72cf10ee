import type { Dimension, GapScore, Shortfall } from './dimensions.js';

// Every word a requester or lead reads in a survey lives here, as plain text: adapters
// render it as Block Kit or Adaptive Cards, so no mrkdwn, HTML or emoji shortcodes.

/** One point of the "compared with what you expected" scale. */
export interface ScaleOption {
  readonly value: GapScore;
  /** The full meaning, for screen readers, tooltips and the digest. */
  readonly label: string;
  /** What fits on a narrow button (≤ 30 characters). */
  readonly button: string;
}

/** The five-point direct-disconfirmation scale, worst first (the order buttons are shown). */
export const GAP_SCALE = [
  { value: -2, label: 'Much worse than I expected', button: 'Much worse' },
  { value: -1, label: 'A bit worse than I expected', button: 'Worse' },
  { value: 0, label: 'About what I expected', button: 'As expected' },
  { value: 1, label: 'A bit better than I expected', button: 'Better' },
  { value: 2, label: 'Much better than I expected', button: 'Much better' },
] as const satisfies readonly ScaleOption[];

/** The sixth button: the requester says the problem is still there, which reopens the request. */
export const NOT_FIXED_OPTION = {
  label: 'It is not fixed yet',
  button: 'Not fixed',
} as const;

/**
 * One question per dimension, each asking perception relative to expectation so a single tap is
 * one gap reading. Worded to fit facilities, IT and HR work alike ("sorted out", not "repaired").
 */
export const DIMENSION_QUESTIONS = {
  reliability: 'Was it sorted out properly the first time, compared with what you expected?',
  responsiveness: 'How quickly did we respond, compared with what you expected?',
  assurance: 'Did the person who helped know what they were doing, compared with what you expected?',
  empathy: 'Did we understand what you actually needed, compared with what you expected?',
  tangibles:
    'How did things look afterwards (the space, equipment or paperwork), compared with what you expected?',
} as const satisfies Record<Dimension, string>;

/** One of the three Rs, as offered after a −1 or −2 answer. */
export interface ShortfallChoice {
  readonly shortfall: Shortfall;
  /** The full wording the issue asks for. */
  readonly label: string;
  /** What fits on a narrow button (≤ 30 characters). */
  readonly button: string;
}

/** The single follow-up tap after a below-expectation answer: where did it fall short? */
export const SHORTFALL_FOLLOW_UP = {
  question: 'Sorry it fell short. What was the main reason?',
  choices: [
    { shortfall: 'resources', label: "They didn't have what was needed", button: 'Lacked what was needed' },
    {
      shortfall: 'response',
      label: "Too slow, or I wasn't kept informed",
      button: 'Too slow / not informed',
    },
    { shortfall: 'respect', label: "I didn't feel heard", button: "I didn't feel heard" },
  ],
} as const satisfies { question: string; choices: readonly ShortfallChoice[] };

/** A dimension as offered in the importance poll: a short button label and a line explaining it. */
export interface ImportanceOption {
  readonly label: string;
  readonly explanation: string;
}

/**
 * Gap 1: requesters and leads answer the same options; only the question differs, so the two
 * sets of answers can be compared dimension by dimension.
 */
export const IMPORTANCE_POLL = {
  requesterQuestion: 'Which matters most to you?',
  leadQuestion: 'Which do you think matters most to the people you serve?',
  options: {
    reliability: {
      label: 'Doing it right the first time',
      explanation: 'It works when they say it is done, with no need to ask again.',
    },
    responsiveness: {
      label: 'Speed',
      explanation: 'A quick reply, quick action, and being kept informed.',
    },
    assurance: {
      label: 'Competence and courtesy',
      explanation: 'The people who help know what they are doing and are polite.',
    },
    empathy: {
      label: 'Understanding what I need',
      explanation: 'They listen and deal with my actual problem, not a generic one.',
    },
    tangibles: {
      label: 'How things look afterwards',
      explanation: 'The space, equipment or paperwork is left tidy and complete.',
    },
  },
  thankYou: 'Thanks. This helps the team put its effort where it matters to you.',
} as const satisfies {
  requesterQuestion: string;
  leadQuestion: string;
  options: Record<Dimension, ImportanceOption>;
  thankYou: string;
};

/** The remaining survey texts: intro, reminder, acknowledgements and the closed notice. */
export const SURVEY_TEXTS = {
  /** Shown above the question; one tap is all that is asked. */
  intro: (reference: string, title: string): string =>
    `${reference} "${title}" was resolved. One quick question, one tap:`,
  reminder: (reference: string): string =>
    `A gentle reminder: one tap about ${reference} helps the team improve. It closes soon.`,
  thankYou: 'Thanks for your answer. It helps the team see where to improve.',
  thankYouAfterShortfall: 'Thanks for telling us. The team will look at what went wrong.',
  notFixed: 'Sorry it is not fixed. We have reopened the request and told the team.',
  closed: 'This survey has closed. Thanks anyway.',
} as const;

/** The scale option for a score; total over −2..+2, so callers need no fallback. */
export function scaleOption(value: GapScore): ScaleOption {
  const option = GAP_SCALE.find((candidate) => candidate.value === value);
  if (option === undefined) throw new RangeError(`gap score out of range: ${value}`);
  return option;
}
