import type { types } from '@slack/bolt';
import {
  GAP_SCALE,
  NOT_FIXED_OPTION,
  SHORTFALL_FOLLOW_UP,
  SURVEY_TEXTS,
  scaleOption,
} from '../../../src/domain/survey-questions.js';
import type { SurveyView } from '../../../src/domain/survey-view.js';
import { LIMIT } from '../blocks/limits.js';
import { escapeMrkdwn, userText } from '../blocks/mrkdwn.js';
import { SURVEY_ACTION } from './survey-ids.js';

export type SlackMessage = { text: string; blocks: types.KnownBlock[] };

const section = (text: string): types.KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (label: string, actionId: string, value: string) => ({
  type: 'button' as const,
  text: { type: 'plain_text' as const, text: label },
  action_id: actionId,
  value,
});

/**
 * The survey DM for its current state: the question with five scale buttons and "Not fixed";
 * after a −1/−2 the three-R buttons; after an answer only the thank-you and "Add a comment";
 * once closed or reopened, a line and no buttons.
 */
export function surveyMessage(view: SurveyView): SlackMessage {
  const intro = escapeMrkdwn(view.intro);
  switch (view.state) {
    case 'open':
      return {
        text: `${view.intro} ${view.question}`,
        blocks: [
          section(intro),
          section(`*${escapeMrkdwn(view.question)}*`),
          {
            type: 'actions',
            block_id: 'survey_answer',
            elements: [
              ...GAP_SCALE.map((option) =>
                button(option.button, `${SURVEY_ACTION.score}:${option.value}`, view.surveyId),
              ),
              button(NOT_FIXED_OPTION.button, SURVEY_ACTION.notFixed, view.surveyId),
            ],
          },
        ],
      };
    case 'asking_shortfall':
      return {
        text: SHORTFALL_FOLLOW_UP.question,
        blocks: [
          section(intro),
          yourAnswer(view),
          section(`*${escapeMrkdwn(SHORTFALL_FOLLOW_UP.question)}*`),
          {
            type: 'actions',
            block_id: 'survey_shortfall',
            elements: SHORTFALL_FOLLOW_UP.choices.map((choice) =>
              button(choice.button, `${SURVEY_ACTION.shortfall}:${choice.shortfall}`, view.surveyId),
            ),
          },
        ],
      };
    case 'answered':
      return {
        text: view.message ?? SURVEY_TEXTS.thankYou,
        blocks: [
          section(intro),
          yourAnswer(view),
          section(escapeMrkdwn(view.message ?? SURVEY_TEXTS.thankYou)),
          view.comment === null && view.acceptsChanges
            ? {
                type: 'actions',
                block_id: 'survey_comment',
                elements: [button('Add a comment', SURVEY_ACTION.addComment, view.surveyId)],
              }
            : view.comment === null
              ? section(escapeMrkdwn(SURVEY_TEXTS.closed))
              : section(`Your comment: ${userText(view.comment, LIMIT.sectionText - 20)}`),
        ],
      };
    default:
      return {
        text: view.message ?? SURVEY_TEXTS.closed,
        blocks: [section(intro), section(escapeMrkdwn(view.message ?? SURVEY_TEXTS.closed))],
      };
  }
}

function yourAnswer(view: SurveyView): types.KnownBlock {
  const label = view.score === null ? '' : scaleOption(view.score).label;
  return { type: 'context', elements: [{ type: 'mrkdwn', text: `Your answer: ${escapeMrkdwn(label)}` }] };
}

/** The one reminder: a fresh DM (so it is seen) with the same buttons. */
export function reminderMessage(view: SurveyView): SlackMessage {
  const survey = surveyMessage(view);
  const text = SURVEY_TEXTS.reminder(view.request.ref);
  return { text, blocks: [section(escapeMrkdwn(text)), ...survey.blocks.slice(1)] };
}

/** The reminder once the survey moved on: one line, no buttons; the original carries the rest. */
export function reminderAfterwards(view: SurveyView): SlackMessage {
  const text = view.message ?? SURVEY_TEXTS.closed;
  return { text, blocks: [section(escapeMrkdwn(`${view.request.ref}: ${text}`))] };
}
