import { randomUUID } from 'node:crypto';
import type { Actor, NeededByChoice, ServiceRequest, SourceEntry } from '../../../src/domain/request.js';
import { isAppError } from '../../../src/errors.js';
import { fileRequest } from '../../../src/services/file-request.js';
import { loadRequestView } from '../../../src/services/load-request-view.js';
import type { ServiceDeps } from '../../../src/services/service-deps.js';
import type { RequestFormData } from '../activity-schemas.js';
import type { CardElement } from '../cards/card.js';
import { requestFormCard, teamPickerCard } from '../cards/request-form-card.js';
import { confirmationCard } from '../cards/requester-cards.js';
import { NEEDED_BY_LABEL } from '../cards/text.js';

type Mode = 'execute' | 'submit';

/** The first card of a filing: the team picker when there are several teams, else the form. */
export function firstFormCard(deps: ServiceDeps, description: string, mode: Mode): CardElement {
  const teams = deps.teams.all;
  const formId = randomUUID();
  const only = teams[0];
  if (teams.length === 1 && only)
    return requestFormCard({ team: only, formId, values: { description }, submit: mode });
  return teamPickerCard(teams, formId, description, mode);
}

export function formForTeam(
  deps: ServiceDeps,
  data: { formId: string; teamId: string; description?: string },
  mode: Mode,
): CardElement {
  const team = deps.teams.get(data.teamId);
  return requestFormCard({
    team,
    formId: data.formId,
    values: { description: data.description },
    submit: mode,
  });
}

function neededBy(data: RequestFormData): { choice: NeededByChoice; date?: string } | null {
  if (data.neededByDate) return { choice: 'date', date: data.neededByDate };
  if (data.neededBy && data.neededBy in NEEDED_BY_LABEL) return { choice: data.neededBy as NeededByChoice };
  return null;
}

export type FormOutcome =
  | { ok: true; request: ServiceRequest; card: CardElement }
  | { ok: false; card: CardElement };

/**
 * Files the form's request through the service (persisted before anyone is answered) and
 * returns the card to answer with: the confirmation, or the form again with each problem
 * under its field and the person's input kept.
 */
export async function submitRequestForm(
  deps: ServiceDeps,
  input: { data: RequestFormData; actor: Actor; entry: SourceEntry; permalink?: string; mode: Mode },
): Promise<FormOutcome> {
  const { data, mode } = input;
  const team = deps.teams.get(data.teamId);
  const retry = (errors: Record<string, string>): FormOutcome => ({
    ok: false,
    card: requestFormCard({ team, formId: data.formId, values: data, errors, submit: mode }),
  });
  const need = neededBy(data);
  if (!need) return retry({ neededBy: 'Say when you need it, or pick a date.' });
  try {
    const { request } = await fileRequest(deps, {
      teamId: team.id,
      requester: input.actor,
      category: data.category ?? '',
      location: data.location || null,
      description: data.description ?? '',
      neededBy: need,
      source: { platform: 'teams', entry: input.entry, permalink: input.permalink ?? null },
      idempotencyKey: `teams-form:${data.formId}`,
    });
    const view = await loadRequestView(deps, request.id, deps.clock.now());
    return { ok: true, request, card: confirmationCard(view) };
  } catch (error) {
    if (!isAppError(error, 'invalid_input')) throw error;
    const fields = {
      ...((error.details.fields as Record<string, string> | undefined) ?? { form: error.userMessage }),
    };
    if (need.choice === 'date' && fields.neededBy) {
      fields.neededByDate = fields.neededBy;
      delete fields.neededBy;
    }
    return retry(fields);
  }
}
