import type { types } from '@slack/bolt';
import type { ServiceRequest, SourceEntry } from '../../../src/domain/request.js';
import { ACTION, SLASH_COMMAND } from '../ids.js';
import { formatAge, STATUS_LABEL } from './format.js';
import { capBlocks, LIMIT } from './limits.js';
import { truncate, userText } from './mrkdwn.js';
import type { SlackMessage } from './triage-card.js';

export function helpMessage(): SlackMessage {
  const text = [
    '*gapdesk — ask a service team for help*',
    `• \`${SLASH_COMMAND} [what you need]\` opens the form (what you type is filled in)`,
    `• \`${SLASH_COMMAND} status\` lists your open requests`,
    '• React with :ticket: to a message to file it as a request for its author',
    '• Use "Turn into a request" in a message\'s ⋯ menu, or "New service request" from the shortcuts menu',
    'Every change reaches you as a DM from gapdesk; your requests are also on its Home tab.',
  ].join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** One request as a line in lists: reference, status, age, a slice of the description. */
export function requestLine(request: ServiceRequest, now: Date): string {
  return `*${request.ref}* · ${STATUS_LABEL[request.status]} · ${formatAge(request.filedAt, now)} · ${request.category}: ${userText(request.description, 120)}`;
}

export function statusMessage(open: readonly ServiceRequest[], now: Date): SlackMessage {
  if (open.length === 0) {
    const text = `You have no open requests. \`${SLASH_COMMAND}\` files one.`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const lines: types.KnownBlock[] = open.map(
    (request): types.SectionBlock => ({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(requestLine(request, now), LIMIT.sectionText) },
    }),
  );
  const header: types.SectionBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: `*Your open requests (${open.length})*` },
  };
  const blocks = capBlocks<types.KnownBlock>(
    [header, ...lines],
    LIMIT.messageBlocks,
    (hidden): types.ContextBlock => ({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${hidden} more on the gapdesk Home tab.` }],
    }),
  );
  return { text: `Your open requests: ${open.map((r) => r.ref).join(', ')}`, blocks };
}

/** The button that opens the filing form; its value carries the entry point and prefilled text. */
export function openFormButton(entry: SourceEntry, text: string, label = 'New request'): types.Button {
  const value = JSON.stringify({ entry, text: text.slice(0, LIMIT.buttonValue - 100) });
  return {
    type: 'button',
    action_id: ACTION.openForm,
    text: { type: 'plain_text', text: label },
    style: 'primary',
    value,
  };
}

/** The answer to a DM: an offer to open the form with what they wrote. */
export function dmOffer(text: string): SlackMessage {
  const intro = 'Want me to file that as a service request? The form opens with what you wrote.';
  return {
    text: intro,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: intro } },
      { type: 'actions', elements: [openFormButton('direct_message', text, 'File a request')] },
    ],
  };
}

/** What the modal turns into once the request is saved. */
export function filedView(request: ServiceRequest, teamName: string): types.ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Request filed' },
    close: { type: 'plain_text', text: 'Done' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `Filed as *${request.ref}* with ${userText(teamName, 200)}. You will get a DM now and at every change.`,
        },
      },
    ],
  };
}
