import { clipText } from '../../../src/domain/clip-text.js';
import type { Team } from '../../../src/domain/team.js';
import { VERB } from '../ids.js';
import { adaptiveCard, attention, type CardElement, execute, heading, paragraph } from './card.js';
import { cardText, NEEDED_BY_LABEL } from './text.js';

export const DESCRIPTION_INPUT_MAX = 3_000;

export type RequestFormValues = {
  description?: string;
  category?: string;
  location?: string;
  neededBy?: string;
  neededByDate?: string;
};

export type RequestFormOptions = {
  team: Team;
  /** Names this form: its submissions are one request however often they are clicked. */
  formId: string;
  values?: RequestFormValues;
  /** Problems from the last submission, by input id ('form' for the whole form). */
  errors?: Record<string, string>;
  /** Chat cards use Action.Execute; a message extension's task module uses Action.Submit. */
  submit: 'execute' | 'submit';
};

function submitAction(
  mode: 'execute' | 'submit',
  title: string,
  verb: string,
  data: Record<string, unknown>,
): CardElement {
  return mode === 'execute'
    ? execute(title, verb, data, { style: 'positive' })
    : { type: 'Action.Submit', title, data: { ...data, verb } };
}

/** When there is more than one team: which team is this for? (Their categories differ.) */
export function teamPickerCard(
  teams: readonly Team[],
  formId: string,
  description: string,
  mode: 'execute' | 'submit',
): CardElement {
  return adaptiveCard(
    [heading('New request'), paragraph('Which team is this for?')],
    teams.map((team) =>
      submitAction(mode, team.name, VERB.chooseTeam, { formId, teamId: team.id, description }),
    ),
  );
}

function fieldError(errors: Record<string, string>, id: string): CardElement[] {
  const message = errors[id];
  return message
    ? [
        {
          type: 'TextBlock',
          text: cardText(message),
          color: 'Attention',
          wrap: true,
          spacing: 'None',
          size: 'Small',
        },
      ]
    : [];
}

/**
 * The filing form for one team: category, location, description (prefilled from the chat
 * message), needed-by and an optional date. Required inputs carry an errorMessage for the
 * client's own check; the service's verdict comes back as this card with messages under
 * the fields.
 */
export function requestFormCard(options: RequestFormOptions): CardElement {
  const { team, values = {}, errors = {} } = options;
  const body: CardElement[] = [heading(`New request for ${cardText(team.name)}`)];
  if (Object.keys(errors).length > 0)
    body.push(attention(cardText(errors.form ?? 'Please check the fields marked below.')));
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: 'category',
      label: 'Category',
      isRequired: true,
      errorMessage: 'Pick a category.',
      placeholder: 'What is it about?',
      choices: team.categories.map((category) => ({ title: category, value: category })),
      ...(values.category && team.categories.includes(values.category) ? { value: values.category } : {}),
    },
    ...fieldError(errors, 'category'),
  );
  body.push(
    team.locations.length > 0
      ? {
          type: 'Input.ChoiceSet',
          id: 'location',
          label: 'Where',
          placeholder: 'Pick a place',
          choices: team.locations.map((location) => ({ title: location, value: location })),
          ...(values.location && team.locations.includes(values.location) ? { value: values.location } : {}),
        }
      : {
          type: 'Input.Text',
          id: 'location',
          label: 'Where',
          maxLength: 200,
          ...(values.location ? { value: values.location } : {}),
        },
    ...fieldError(errors, 'location'),
  );
  body.push(
    {
      type: 'Input.Text',
      id: 'description',
      label: 'What do you need?',
      isMultiline: true,
      isRequired: true,
      errorMessage: 'Tell us what you need.',
      maxLength: DESCRIPTION_INPUT_MAX,
      ...(values.description ? { value: clipText(values.description, DESCRIPTION_INPUT_MAX) } : {}),
    },
    ...fieldError(errors, 'description'),
  );
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: 'neededBy',
      label: 'Needed by',
      placeholder: 'When do you need it?',
      choices: Object.entries(NEEDED_BY_LABEL).map(([value, title]) => ({ title, value })),
      ...(values.neededBy && values.neededBy in NEEDED_BY_LABEL ? { value: values.neededBy } : {}),
    },
    ...fieldError(errors, 'neededBy'),
    {
      type: 'Input.Date',
      id: 'neededByDate',
      label: 'Or by a date',
      ...(values.neededByDate ? { value: values.neededByDate } : {}),
    },
    ...fieldError(errors, 'neededByDate'),
  );
  return adaptiveCard(body, [
    submitAction(options.submit, 'File request', VERB.fileRequest, {
      formId: options.formId,
      teamId: team.id,
    }),
  ]);
}
