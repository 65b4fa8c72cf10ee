import { clipText } from '../../../src/domain/clip-text.js';
import { priorityLabel, type RequestView } from '../../../src/domain/request.js';
import { isActive } from '../../../src/domain/request-lifecycle.js';
import type { SlaClock } from '../../../src/domain/sla-clock.js';
import { VERB } from '../ids.js';
import {
  adaptiveCard,
  attention,
  type CardElement,
  execute,
  facts,
  heading,
  paragraph,
  showCard,
} from './card.js';
import { cardDay, cardText, cardWhen, neededByCardText, STATUS_LABEL } from './text.js';

export type TeamMember = { id: string; name: string };

function slaCardText(clock: SlaClock): string {
  switch (clock.state) {
    case 'met':
      return 'met';
    case 'breached':
      return clock.dueAt ? `missed (was due ${cardWhen(clock.dueAt)})` : 'missed';
    case 'paused':
      return 'paused (waiting on the requester)';
    case 'running':
      return clock.dueAt ? `due ${cardWhen(clock.dueAt)}` : 'running';
  }
}

function statusText(view: RequestView): string {
  const { request } = view;
  const label = STATUS_LABEL[request.status];
  if (request.status === 'waiting' && request.waitingOn) {
    const on = request.waitingOn === 'requester' ? 'the requester' : 'resources';
    return `${label} on ${on}${request.waitingNote ? `: ${cardText(clipText(request.waitingNote, 200))}` : ''}`;
  }
  if (request.status === 'deferred' && request.deferredUntil)
    return `${label} to ${cardDay(request.deferredUntil)}`;
  return label;
}

function teamActions(view: RequestView, members: readonly TeamMember[]): CardElement[] {
  const data = { requestId: view.request.id };
  const required = (
    id: string,
    label: string,
    errorMessage: string,
    extra: CardElement = {},
  ): CardElement => ({
    id,
    label,
    isRequired: true,
    errorMessage,
    ...extra,
  });
  return [
    execute('Take', VERB.take, data),
    showCard(
      'Assign',
      [
        {
          type: 'Input.ChoiceSet',
          ...required('assignee', 'Assign to', 'Pick someone.'),
          choices: members.map((member) => ({ title: member.name, value: member.id })),
          ...(view.assignee?.platform === 'teams' ? { value: view.assignee.platformUserId } : {}),
        },
      ],
      [execute('Assign', VERB.assign, data)],
    ),
    showCard(
      'Defer',
      [
        { type: 'Input.Date', ...required('until', 'We will get to it by', 'Pick a date.') },
        {
          type: 'Input.Text',
          ...required('reason', 'Why (the requester sees this)', 'Say why.'),
          maxLength: 500,
        },
      ],
      [execute('Defer', VERB.defer, data)],
    ),
    showCard(
      'Waiting on',
      [
        {
          type: 'Input.ChoiceSet',
          ...required('waitingOn', 'Waiting on', 'Pick what it is waiting on.'),
          style: 'expanded',
          value: 'resources',
          choices: [
            { title: 'Resources (parts, access, budget)', value: 'resources' },
            { title: 'The requester', value: 'requester' },
          ],
        },
        { type: 'Input.Text', id: 'note', label: 'Note (the requester sees this)', maxLength: 1_000 },
      ],
      [execute('Save', VERB.wait, data)],
    ),
    showCard(
      'Resolve',
      [
        {
          type: 'Input.Text',
          ...required('resolution', 'What was done', 'Say what was done.'),
          isMultiline: true,
          maxLength: 2_000,
        },
      ],
      [execute('Resolve', VERB.resolve, data, { style: 'positive' })],
    ),
  ];
}

/**
 * The request as its team sees it in the triage channel, with the Universal Actions while it
 * is active. `notice` is shown to the one person the card is returned to (e.g. "Sam has this").
 */
export function triageCard(view: RequestView, members: readonly TeamMember[], notice?: string): CardElement {
  const { request } = view;
  const body: CardElement[] = [
    heading(`${request.ref} · ${cardText(request.category)} · ${priorityLabel(request.priority)}`),
    ...(notice ? [attention(cardText(notice))] : []),
    paragraph(cardText(clipText(request.description, 2_000))),
    facts([
      ['From', cardText(view.requester.name)],
      ['Where', request.location ? cardText(request.location) : null],
      ['Needed by', neededByCardText(request)],
      ['Status', statusText(view)],
      ['Assignee', view.assignee ? cardText(view.assignee.name) : 'nobody yet'],
      ['Acknowledge', slaCardText(view.sla.acknowledge)],
      ['Resolve', slaCardText(view.sla.resolve)],
      [
        'Resolution',
        request.resolution && !isActive(request.status) ? cardText(clipText(request.resolution, 500)) : null,
      ],
    ]),
  ];
  return adaptiveCard(body, isActive(request.status) ? teamActions(view, members) : []);
}
