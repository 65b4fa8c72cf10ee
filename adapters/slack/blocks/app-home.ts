import type { types } from '@slack/bolt';
import type { ServiceRequest } from '../../../src/domain/request.js';
import type { NotifyOn } from '../../../src/domain/requester-updates.js';
import type { Team } from '../../../src/domain/team.js';
import { capBlocks, LIMIT } from './limits.js';
import { escapeMrkdwn, truncate } from './mrkdwn.js';
import { openFormButton, requestLine } from './replies.js';
import { cancelButton, requesterUpdatesBlocks } from './requester-updates.js';

export type HomeContent = {
  open: readonly ServiceRequest[];
  recent: readonly ServiceRequest[];
  queues: readonly { team: Team; requests: readonly ServiceRequest[] }[];
  notifyOn: NotifyOn;
  now: Date;
};

const section = (text: string): types.KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, LIMIT.sectionText) },
});
const header = (text: string): types.KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: truncate(text, LIMIT.headerText) },
});

function list(requests: readonly ServiceRequest[], now: Date, empty: string): types.KnownBlock[] {
  return requests.length === 0 ? [section(`_${empty}_`)] : requests.map((r) => section(requestLine(r, now)));
}

/** The App Home: the person's open and recent requests, a New request button, and for team members their team's queue. */
export function appHomeView(content: HomeContent): types.HomeView {
  const blocks: types.KnownBlock[] = [
    header('Your requests'),
    { type: 'actions', elements: [openFormButton('app_home', '')] },
    section('*Open*'),
    ...(content.open.length === 0
      ? [section('_Nothing open._')]
      : content.open.map(
          (request): types.SectionBlock => ({
            type: 'section',
            text: { type: 'mrkdwn', text: truncate(requestLine(request, content.now), LIMIT.sectionText) },
            accessory: cancelButton(request.id),
          }),
        )),
    section('*Recently closed*'),
    ...list(content.recent.slice(0, 10), content.now, 'Nothing in the last 30 days.'),
    ...requesterUpdatesBlocks(content.notifyOn),
  ];
  for (const { team, requests } of content.queues) {
    blocks.push(
      { type: 'divider' },
      header(`${team.name} queue (${requests.length})`),
      ...list(requests, content.now, 'The queue is empty.'),
    );
  }
  return {
    type: 'home',
    blocks: capBlocks(blocks, LIMIT.viewBlocks, (hidden) =>
      section(`_…${hidden} more not shown. ${escapeMrkdwn('Use /request status for yours.')}_`),
    ),
  };
}
