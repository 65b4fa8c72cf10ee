import { clipText } from '../../../src/domain/clip-text.js';
import { filedExpectation, renderSentence, requesterSentence } from '../../../src/domain/event-sentence.js';
import {
  priorityLabel,
  type RequestEvent,
  type RequestView,
  type ServiceRequest,
} from '../../../src/domain/request.js';
import { isActive } from '../../../src/domain/request-lifecycle.js';
import { NOTIFY_ON_OFFER, type NotifyOn } from '../../../src/domain/requester-updates.js';
import { VERB } from '../ids.js';
import { adaptiveCard, type CardElement, execute, facts, heading, paragraph, showCard } from './card.js';
import { CARD_SENTENCE, cardDay, cardText, neededByCardText, STATUS_LABEL } from './text.js';

function summary(request: ServiceRequest): CardElement {
  return paragraph(cardText(clipText(request.description, 500)), { isSubtle: true });
}

/** Quiet mode's switch, under every message to a requester: its data is the choice it sets. */
function requesterUpdatesAction(notifyOn: NotifyOn): CardElement {
  const offer = NOTIFY_ON_OFFER[notifyOn];
  return execute(offer.label, VERB.requesterUpdates, { notifyOn: offer.switchTo });
}

/** The requester's own "Cancel request…": asks why (optional), then cancels. */
function cancelAction(request: ServiceRequest): CardElement[] {
  if (!isActive(request.status)) return [];
  return [
    showCard(
      'Cancel request…',
      [{ type: 'Input.Text', id: 'reason', label: 'Why (optional; the team sees this)', maxLength: 500 }],
      [execute('Cancel request', VERB.cancelRequest, { requestId: request.id })],
    ),
  ];
}

/** The answer to a filed request: its reference and what happens next. */
export function confirmationCard(view: RequestView, notifyOn?: NotifyOn): CardElement {
  const { request } = view;
  return adaptiveCard(
    [
      heading(`Filed ${request.ref}`),
      facts([
        ['Team', cardText(view.team.name)],
        ['Category', cardText(request.category)],
        ['Where', request.location ? cardText(request.location) : null],
        ['Needed by', neededByCardText(request)],
        ['Priority', priorityLabel(request.priority)],
      ]),
      summary(request),
      paragraph(renderSentence(filedExpectation(view), CARD_SENTENCE)),
    ],
    [...cancelAction(request), ...(notifyOn ? [requesterUpdatesAction(notifyOn)] : [])],
  );
}

/** A change the requester hears about without asking. */
export function requesterUpdateCard(view: RequestView, event: RequestEvent, notifyOn: NotifyOn): CardElement {
  const { request } = view;
  return adaptiveCard(
    [
      heading(`${request.ref} · ${cardText(request.category)} · ${STATUS_LABEL[request.status]}`),
      paragraph(renderSentence(requesterSentence(view, event), CARD_SENTENCE)),
      summary(request),
    ],
    [...cancelAction(request), requesterUpdatesAction(notifyOn)],
  );
}

function listLine(request: ServiceRequest, teamName: (teamId: string) => string): CardElement {
  return paragraph(
    `**${request.ref}** · ${cardText(teamName(request.teamId))} · ${cardText(request.category)} · ${STATUS_LABEL[request.status]} · filed ${cardDay(request.filedAt)}\n\n${cardText(clipText(request.description, 120))}`,
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
