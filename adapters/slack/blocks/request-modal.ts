import type { types } from '@slack/bolt';
import type { NeededByChoice, SourceEntry } from '../../../src/domain/request.js';
import { neededByChoiceSchema } from '../../../src/domain/request.js';
import type { Team } from '../../../src/domain/team.js';
import { ACTION, CALLBACK, FORM_BLOCK } from '../ids.js';
import { NEEDED_BY_LABEL } from './format.js';
import { LIMIT } from './limits.js';
import { truncate } from './mrkdwn.js';

/** What the filing modal carries between opening and submission (private_metadata). */
export type RequestFormMeta = { entry: SourceEntry; teamId: string; permalink?: string };

export type RequestFormValues = {
  description?: string;
  category?: string;
  location?: string;
  neededBy?: NeededByChoice;
  date?: string;
};

const plain = (text: string, max: number = LIMIT.optionText): types.PlainTextElement => ({
  type: 'plain_text',
  text: truncate(text, max),
});

function option(text: string, value: string): types.PlainTextOption {
  return { text: plain(text), value };
}

/**
 * The filing modal: team (only when there is more than one), category, location, description
 * and needed-by. Category and location options follow the chosen team, so their action ids
 * name the team and a team change starts them afresh.
 */
export function requestModal(
  teams: readonly Team[],
  meta: RequestFormMeta,
  values: RequestFormValues = {},
): types.ModalView {
  const team = teams.find((t) => t.id === meta.teamId) ?? teams[0];
  if (!team) throw new Error('no team configured');
  const blocks: types.KnownBlock[] = [];
  if (teams.length > 1) {
    blocks.push({
      type: 'input',
      block_id: FORM_BLOCK.team,
      dispatch_action: true,
      label: plain('Team'),
      element: {
        type: 'static_select',
        action_id: ACTION.chooseTeam,
        options: teams.map((t) => option(t.name, t.id)),
        initial_option: option(team.name, team.id),
      },
    });
  }
  const categoryOptions = team.categories.map((c) => option(c, c));
  const chosenCategory = categoryOptions.find((o) => o.value === values.category);
  blocks.push({
    type: 'input',
    block_id: FORM_BLOCK.category,
    label: plain('Category'),
    element: {
      type: 'static_select',
      action_id: `category:${team.id}`,
      placeholder: plain('What is it about?'),
      options: categoryOptions.slice(0, 100),
      ...(chosenCategory ? { initial_option: chosenCategory } : {}),
    },
  });
  blocks.push(locationBlock(team, values.location));
  blocks.push({
    type: 'input',
    block_id: FORM_BLOCK.description,
    label: plain('What do you need?'),
    element: {
      type: 'plain_text_input',
      action_id: 'description',
      multiline: true,
      max_length: LIMIT.inputInitialValue,
      ...(values.description ? { initial_value: truncate(values.description, LIMIT.inputInitialValue) } : {}),
    },
  });
  const neededOptions = neededByChoiceSchema.options.map((choice) => option(NEEDED_BY_LABEL[choice], choice));
  const chosenNeed = neededOptions.find((o) => o.value === values.neededBy);
  blocks.push({
    type: 'input',
    block_id: FORM_BLOCK.neededBy,
    label: plain('Needed by'),
    element: {
      type: 'static_select',
      action_id: 'needed_by',
      placeholder: plain('When do you need it?'),
      options: neededOptions,
      ...(chosenNeed ? { initial_option: chosenNeed } : {}),
    },
  });
  blocks.push({
    type: 'input',
    block_id: FORM_BLOCK.neededByDate,
    optional: true,
    label: plain('Date'),
    hint: plain('Only for "By a date".', 150),
    element: {
      type: 'datepicker',
      action_id: 'needed_by_date',
      ...(values.date ? { initial_date: values.date } : {}),
    },
  });
  return {
    type: 'modal',
    callback_id: CALLBACK.requestModal,
    private_metadata: JSON.stringify(meta),
    title: plain('New request', LIMIT.modalTitle),
    submit: plain('File request', LIMIT.modalButton),
    close: plain('Cancel', LIMIT.modalButton),
    blocks,
  };
}

function locationBlock(team: Team, location: string | undefined): types.KnownBlock {
  if (team.locations.length === 0) {
    return {
      type: 'input',
      block_id: FORM_BLOCK.location,
      optional: true,
      label: plain('Where'),
      element: {
        type: 'plain_text_input',
        action_id: `location:${team.id}`,
        max_length: 200,
        ...(location ? { initial_value: location } : {}),
      },
    };
  }
  const options = team.locations.slice(0, 100).map((l) => option(l, l));
  const chosen = options.find((o) => o.value === location);
  return {
    type: 'input',
    block_id: FORM_BLOCK.location,
    optional: true,
    label: plain('Where'),
    element: {
      type: 'static_select',
      action_id: `location:${team.id}`,
      placeholder: plain('Pick a place'),
      options,
      ...(chosen ? { initial_option: chosen } : {}),
    },
  };
}
