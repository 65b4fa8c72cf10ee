import type { types } from '@slack/bolt';
import { IMPORTANCE_POLL } from '../../../src/domain/survey-questions.js';
import type { ImportancePollView } from '../../../src/domain/survey-view.js';
import { escapeMrkdwn } from '../blocks/mrkdwn.js';
import type { SlackMessage } from './survey-blocks.js';
import { SURVEY_ACTION, SURVEY_BLOCK, SURVEY_CALLBACK } from './survey-ids.js';

/** The one-tap importance poll DM; after the vote, the choice and the thank-you. */
export function pollMessage(view: ImportancePollView): SlackMessage {
  const heading = `*${escapeMrkdwn(view.teamName)}*: ${escapeMrkdwn(view.question)}`;
  const chosen = view.options.find((option) => option.dimension === view.vote);
  if (chosen) {
    const text = `You chose: ${chosen.label}. ${IMPORTANCE_POLL.thankYou}`;
    return {
      text,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: heading } },
        { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } },
      ],
    };
  }
  return {
    text: `${view.teamName}: ${view.question}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: heading } },
      {
        type: 'context',
        elements: view.options.map((option) => ({
          type: 'mrkdwn' as const,
          text: `*${escapeMrkdwn(option.label)}*: ${escapeMrkdwn(option.explanation)}`,
        })),
      },
      {
        type: 'actions',
        block_id: 'importance_vote',
        elements: view.options.map((option) => ({
          type: 'button' as const,
          text: { type: 'plain_text' as const, text: option.label },
          action_id: `${SURVEY_ACTION.vote}:${option.dimension}`,
          value: `${view.teamId}|${view.poll}`,
        })),
      },
    ],
  };
}

/** The "Add a comment" modal; the survey id rides in private_metadata. */
export function commentModal(surveyId: string): types.View {
  return {
    type: 'modal',
    callback_id: SURVEY_CALLBACK.comment,
    private_metadata: surveyId,
    title: { type: 'plain_text', text: 'Add a comment' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: SURVEY_BLOCK.comment,
        label: { type: 'plain_text', text: 'Anything you want the team to know?' },
        element: { type: 'plain_text_input', action_id: 'comment', multiline: true, max_length: 2_000 },
      },
    ],
  };
}
