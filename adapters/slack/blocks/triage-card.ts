import type { types } from '@slack/bolt';
import { priorityLabel, type RequestView } from '../../../src/domain/request.js';
import { isActive } from '../../../src/domain/request-lifecycle.js';
import { ACTION } from '../ids.js';
import { formatWhen, neededByText, STATUS_EMOJI, STATUS_LABEL, slaText } from './format.js';
import { LIMIT } from './limits.js';
import { escapeMrkdwn, personLabel, quote, safeLink, truncate, userText } from './mrkdwn.js';

export type SlackMessage = { text: string; blocks: types.KnownBlock[] };

function button(text: string, actionId: string, value: string, style?: 'primary'): types.Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, LIMIT.buttonText) },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

function field(label: string, value: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: truncate(`*${label}*\n${value}`, LIMIT.fieldText) };
}

/** The request's card in the team's triage channel: what, who, where, when, SLA, and the triage buttons. */
export function triageCard(view: RequestView): SlackMessage {
  const { request, team, requester, assignee, sla } = view;
  const zone = team.timezone;
  const title = `${request.ref} · ${request.category}`;
  const status = `${STATUS_EMOJI[request.status]} ${STATUS_LABEL[request.status]}`;
  const details: string[] = [];
  if (request.status === 'waiting' && request.waitingOn) {
    const on = request.waitingOn === 'requester' ? 'the requester' : 'resources';
    details.push(
      `*Waiting on ${on}*${request.waitingNote ? `: ${userText(request.waitingNote, 1_000)}` : ''}`,
    );
  }
  if (request.status === 'deferred' && request.deferredUntil) {
    details.push(
      `*Deferred to ${formatWhen(request.deferredUntil, zone)}*${request.deferReason ? `: ${userText(request.deferReason, 600)}` : ''}`,
    );
  }
  if (request.resolution && ['resolved', 'closed'].includes(request.status)) {
    details.push(`*Resolution*: ${userText(request.resolution, 2_000)}`);
  }
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(title, LIMIT.headerText) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(quote(userText(request.description, 2_900)), LIMIT.sectionText),
      },
    },
    {
      type: 'section',
      fields: [
        field('From', personLabel(requester)),
        field('Where', request.location ? escapeMrkdwn(request.location) : '—'),
        field('Priority', priorityLabel(request.priority)),
        field('Needed by', neededByText(request, zone)),
        field('Status', status),
        field('Assignee', assignee ? personLabel(assignee) : 'Nobody yet'),
        field('Acknowledge', slaText(sla.acknowledge, zone)),
        field('Resolve', slaText(sla.resolve, zone)),
      ],
    },
  ];
  if (details.length > 0) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(details.join('\n'), LIMIT.sectionText) },
    });
  }
  const context = [`Filed ${formatWhen(request.filedAt, zone)}`];
  if (request.sourcePermalink) context.push(safeLink(request.sourcePermalink, 'original message'));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context.join(' · ') }] });
  if (isActive(request.status)) {
    blocks.push({
      type: 'actions',
      block_id: 'triage',
      elements: [
        ...(request.assigneeId ? [] : [button('Take', ACTION.take, request.id, 'primary')]),
        button('Assign…', ACTION.assign, request.id),
        button('Defer…', ACTION.defer, request.id),
        button('Waiting on…', ACTION.wait, request.id),
        button('Resolve…', ACTION.resolve, request.id),
      ],
    });
  }
  const text = `${request.ref} · ${request.category} (${priorityLabel(request.priority)}) from ${personLabel(requester)}: ${STATUS_LABEL[request.status]}`;
  return { text: truncate(text, LIMIT.messageText), blocks };
}
