import {
  priorityLabel,
  type RequestEvent,
  type RequestView,
  type ServiceRequest,
} from '../../../src/domain/request.js';
import { adaptiveCard, type CardElement, facts, heading, paragraph } from './card.js';
import { requesterLine, type TextStyle } from './event-text.js';
import { cardDay, cardText, cardWhen, neededByCardText, STATUS_LABEL, truncate } from './text.js';

export const CARD_STYLE: TextStyle = { text: cardText, day: cardDay };

function summary(request: ServiceRequest): CardElement {
  return paragraph(cardText(truncate(request.description, 500)), { isSubtle: true });
}

/** What the requester can expect: the team's own targets, as moments in their timezone. */
function expectation(view: RequestView): string {
  const team = cardText(view.team.name);
  const ack = view.sla.acknowledge.dueAt;
  const resolve = view.sla.resolve.dueAt;
  const parts = [
    ack ? `The ${team} team aims to pick it up by ${cardWhen(ack)}` : `The ${team} team will pick it up`,
    resolve ? ` and to have it done by ${cardWhen(resolve)}.` : '.',
  ];
  return `${parts.join('')} You will get a message here whenever something changes.`;
}

/** The answer to a filed request: its reference and what happens next. */
export function confirmationCard(view: RequestView): CardElement {
  const { request } = view;
  return adaptiveCard([
    heading(`Filed ${request.ref}`),
    facts([
      ['Team', cardText(view.team.name)],
      ['Category', cardText(request.category)],
      ['Where', request.location ? cardText(request.location) : null],
      ['Needed by', neededByCardText(request)],
      ['Priority', priorityLabel(request.priority)],
    ]),
    summary(request),
    paragraph(expectation(view)),
  ]);
}

/** A change the requester hears about without asking. */
export function requesterUpdateCard(view: RequestView, event: RequestEvent): CardElement {
  const { request } = view;
  return adaptiveCard([
    heading(`${request.ref} · ${cardText(request.category)} · ${STATUS_LABEL[request.status]}`),
    paragraph(requesterLine(view, event, CARD_STYLE)),
    summary(request),
  ]);
}

function listLine(request: ServiceRequest, teamName: (teamId: string) => string): CardElement {
  return paragraph(
    `**${request.ref}** · ${cardText(teamName(request.teamId))} · ${cardText(request.category)} · ${STATUS_LABEL[request.status]} · filed ${cardDay(request.filedAt)}\n\n${cardText(truncate(request.description, 120))}`,
    { separator: true },
  );
}

/** "My requests": open ones, then those closed lately. */
export function myRequestsCard(
  lists: { open: ServiceRequest[]; recent: ServiceRequest[] },
  teamName: (teamId: string) => string,
): CardElement {
  const body: CardElement[] = [heading('My requests')];
  if (lists.open.length === 0 && lists.recent.length === 0) {
    body.push(paragraph('You have no open requests. Type what you need to file one.'));
  }
  if (lists.open.length > 0) {
    body.push(paragraph(`**Open (${lists.open.length})**`), ...lists.open.map((r) => listLine(r, teamName)));
  }
  if (lists.recent.length > 0) {
    body.push(
      paragraph('**Closed in the last 30 days**'),
      ...lists.recent.slice(0, 10).map((r) => listLine(r, teamName)),
    );
  }
  return adaptiveCard(body);
}

export function helpCard(): CardElement {
  return adaptiveCard([
    heading('gapdesk'),
    paragraph(
      'Tell me what you need in your own words (or start with **request**) and I will give you a short form to file it.',
    ),
    paragraph('**my requests**: what you have asked for and where it stands.'),
    paragraph('On any message in Teams: **…** → **Turn into a request**.'),
  ]);
}
