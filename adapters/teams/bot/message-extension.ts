import type { ServiceDeps } from '../../../src/services/service-deps.js';
import {
  actorOf,
  chooseTeamDataSchema,
  messageExtensionSchema,
  requestFormDataSchema,
  type TeamsActivity,
} from '../activity-schemas.js';
import { COMMAND, VERB } from '../ids.js';
import { htmlToText } from './html-to-text.js';
import { taskCard, taskMessage } from './invoke-responses.js';
import { firstFormCard, formForTeam, submitRequestForm } from './request-form-flow.js';

const TITLE = 'Turn into a request';

/** composeExtension/fetchTask: the form in a dialog, prefilled with the message's text. */
export function fetchTask(deps: ServiceDeps, activity: TeamsActivity): object {
  const value = messageExtensionSchema.safeParse(activity.value);
  if (!value.success || value.data.commandId !== COMMAND.turnIntoRequest)
    return taskMessage('That command is not known.');
  const text = htmlToText(value.data.messagePayload?.body?.content ?? '');
  return taskCard(TITLE, firstFormCard(deps, text, 'submit'));
}

/** composeExtension/submitAction: the team picked (next: the form) or the form submitted. */
export async function submitAction(deps: ServiceDeps, activity: TeamsActivity): Promise<object> {
  const value = messageExtensionSchema.safeParse(activity.value);
  if (!value.success || value.data.commandId !== COMMAND.turnIntoRequest)
    return taskMessage('That command is not known.');
  const data = value.data.data ?? {};
  if (data.verb === VERB.chooseTeam) {
    const choice = chooseTeamDataSchema.safeParse(data);
    if (!choice.success) return taskMessage('That form is out of date. Please start again.');
    return taskCard(TITLE, formForTeam(deps, choice.data, 'submit'));
  }
  const form = requestFormDataSchema.safeParse(data);
  if (!form.success) return taskMessage('That form is out of date. Please start again.');
  const outcome = await submitRequestForm(deps, {
    data: form.data,
    actor: actorOf(activity),
    entry: 'teams_message_extension',
    permalink: value.data.messagePayload?.linkToMessage,
    mode: 'submit',
  });
  if (!outcome.ok) return taskCard(TITLE, outcome.card);
  return taskMessage(`Filed ${outcome.request.ref}. I will keep you posted in our chat.`);
}
