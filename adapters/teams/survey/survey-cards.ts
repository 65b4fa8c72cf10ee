import { clipText } from '../../../src/domain/clip-text.js';
import {
  GAP_SCALE,
  IMPORTANCE_POLL,
  NOT_FIXED_OPTION,
  SHORTFALL_FOLLOW_UP,
  SURVEY_TEXTS,
  scaleOption,
} from '../../../src/domain/survey-questions.js';
import type { ImportancePollView, SurveyView } from '../../../src/domain/survey-view.js';
import {
  adaptiveCard,
  type CardElement,
  execute,
  facts,
  heading,
  paragraph,
  showCard,
} from '../cards/card.js';
import { cardText } from '../cards/text.js';
import { SURVEY_VERB } from './survey-verbs.js';

/**
 * The survey card for its state. Every state carries a Universal Actions refresh, so Teams
 * shows the requester the current state (answered, closed…) whenever the chat is opened.
 */
export function surveyCard(
  view: SurveyView,
  lead: CardElement[] = [paragraph(cardText(view.intro))],
): CardElement {
  const { body, actions } = content(view);
  return {
    ...adaptiveCard([...lead, ...body], actions),
    refresh: { action: execute('Refresh', SURVEY_VERB.refresh, { surveyId: view.surveyId }) },
  };
}

function content(view: SurveyView): { body: CardElement[]; actions: CardElement[] } {
  const id = { surveyId: view.surveyId };
  const message = paragraph(cardText(view.message ?? SURVEY_TEXTS.closed));
  switch (view.state) {
    case 'open':
      return {
        body: [heading(cardText(view.question))],
        actions: [
          ...GAP_SCALE.map((option) =>
            execute(
              option.button,
              SURVEY_VERB.score,
              { ...id, score: option.value },
              { tooltip: option.label },
            ),
          ),
          execute(NOT_FIXED_OPTION.button, SURVEY_VERB.notFixed, id, { tooltip: NOT_FIXED_OPTION.label }),
        ],
      };
    case 'asking_shortfall':
      return {
        body: [yourAnswer(view), heading(cardText(SHORTFALL_FOLLOW_UP.question))],
        actions: SHORTFALL_FOLLOW_UP.choices.map((choice) =>
          execute(
            choice.button,
            SURVEY_VERB.shortfall,
            { ...id, shortfall: choice.shortfall },
            { tooltip: choice.label },
          ),
        ),
      };
    case 'answered':
      if (view.comment === null && !view.acceptsChanges) {
        return { body: [yourAnswer(view), message, paragraph(cardText(SURVEY_TEXTS.closed))], actions: [] };
      }
      return view.comment === null
        ? {
            body: [yourAnswer(view), message],
            actions: [
              showCard(
                'Add a comment',
                [
                  {
                    type: 'Input.Text',
                    id: 'comment',
                    isMultiline: true,
                    maxLength: 2_000,
                    label: 'Anything you want the team to know?',
                  },
                ],
                [execute('Send', SURVEY_VERB.comment, id)],
              ),
            ],
          }
        : {
            body: [
              yourAnswer(view),
              message,
              paragraph(`Your comment: ${cardText(clipText(view.comment, 2_000))}`),
            ],
            actions: [],
          };
    default:
      return { body: [message], actions: [] };
  }
}

function yourAnswer(view: SurveyView): CardElement {
  const label = view.score === null ? '' : scaleOption(view.score).label;
  return paragraph(`Your answer: ${cardText(label)}`, { isSubtle: true });
}

/** The one reminder: the survey again, under the reminder line. */
export function reminderCard(view: SurveyView): CardElement {
  return surveyCard(view, [paragraph(cardText(SURVEY_TEXTS.reminder(view.request.ref)))]);
}

/** The reminder once the survey moved on: one line; the original card carries the rest. */
export function reminderAfterwardsCard(view: SurveyView): CardElement {
  return adaptiveCard([paragraph(cardText(`${view.request.ref}: ${view.message ?? SURVEY_TEXTS.closed}`))]);
}

/** The importance poll: five one-tap options; after the vote, the choice and the thank-you. */
export function pollCard(view: ImportancePollView): CardElement {
  const chosen = view.options.find((option) => option.dimension === view.vote);
  const title = heading(`${cardText(view.teamName)}: ${cardText(view.question)}`);
  if (chosen) {
    return adaptiveCard([
      title,
      paragraph(cardText(`You chose: ${chosen.label}. ${IMPORTANCE_POLL.thankYou}`)),
    ]);
  }
  return adaptiveCard(
    [title, facts(view.options.map((option) => [cardText(option.label), cardText(option.explanation)]))],
    view.options.map((option) =>
      execute(option.label, SURVEY_VERB.vote, {
        teamId: view.teamId,
        poll: view.poll,
        dimension: option.dimension,
      }),
    ),
  );
}
