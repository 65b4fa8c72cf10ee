import { describe, expect, it } from 'vitest';
import { appHomeView } from '../../../adapters/slack/blocks/app-home.js';
import { LIMIT } from '../../../adapters/slack/blocks/limits.js';
import { escapeMrkdwn, truncate } from '../../../adapters/slack/blocks/mrkdwn.js';
import { statusMessage } from '../../../adapters/slack/blocks/replies.js';
import { requestModal } from '../../../adapters/slack/blocks/request-modal.js';
import { requesterMessage, threadNote } from '../../../adapters/slack/blocks/request-updates.js';
import { triageCard } from '../../../adapters/slack/blocks/triage-card.js';
import { deferModal } from '../../../adapters/slack/blocks/triage-modals.js';
import {
  REQUEST_EVENT_TYPES,
  type RequestEvent,
  type RequestView,
  type ServiceRequest,
} from '../../../src/domain/request.js';
import { requestSla } from '../../../src/domain/request-sla.js';
import { testTeams } from '../../fixtures/teams.js';

const [facilities, it_] = testTeams() as [ReturnType<typeof testTeams>[0], ReturnType<typeof testTeams>[0]];
const filedAt = new Date('2026-11-23T09:00:00Z');

function request(overrides: Partial<ServiceRequest> = {}): ServiceRequest {
  return {
    id: 'req-1',
    ref: 'FAC-1042',
    teamId: 'facilities',
    requesterId: 'p-dana',
    category: 'HVAC',
    location: 'HQ Floor 2',
    priority: 'high',
    description: 'Meeting room 2.14 is freezing & the thermostat shows <10°C>',
    neededByChoice: 'today',
    neededBy: new Date('2026-11-23T18:00:00Z'),
    status: 'open',
    waitingOn: null,
    waitingNote: null,
    assigneeId: null,
    deferredUntil: null,
    deferReason: null,
    resolution: null,
    sourcePlatform: 'slack',
    sourceEntry: 'slash_command',
    sourcePermalink: null,
    filedAt,
    acknowledgedAt: null,
    startedAt: null,
    resolvedAt: null,
    closedAt: null,
    cancelledAt: null,
    reopenCount: 0,
    slaAckDueAt: null,
    slaResolveDueAt: null,
    neededByTighter: false,
    version: 1,
    ...overrides,
  };
}

function view(overrides: Partial<ServiceRequest> = {}): RequestView {
  const req = request(overrides);
  const now = new Date('2026-11-23T09:20:00Z');
  return {
    request: req,
    team: facilities,
    requester: {
      id: 'p-dana',
      platform: 'slack',
      platformUserId: 'U0DANA',
      name: 'Dana Reyes',
      timezone: null,
      locale: null,
    },
    assignee: null,
    sla: requestSla(facilities, req, [], now),
    now,
  };
}

describe('Block Kit builders', () => {
  it('draws the triage card (snapshot)', async () => {
    await expect(JSON.stringify(triageCard(view()), null, 2)).toMatchFileSnapshot(
      '__snapshots__/triage-card.json.snap',
    );
  });

  it('draws the filing modal with a team picker when there are two teams (snapshot)', async () => {
    const modal = requestModal(
      [facilities, it_],
      { entry: 'slash_command', teamId: 'facilities' },
      { description: 'Too cold' },
    );
    await expect(JSON.stringify(modal, null, 2)).toMatchFileSnapshot('__snapshots__/request-modal.json.snap');
  });

  it('leaves out the team picker when only one team is configured', () => {
    const modal = requestModal([facilities], { entry: 'slash_command', teamId: 'facilities' });
    expect(modal.blocks.map((b) => b.block_id)).toEqual([
      'category',
      'location',
      'description',
      'needed_by',
      'needed_by_date',
    ]);
  });

  it('truncates long user text to Block Kit limits without breaking an escape', () => {
    const long = `${'&'.repeat(1_000)}${'x'.repeat(5_000)}`;
    const card = triageCard(view({ description: long, category: 'C'.repeat(400) }));
    for (const block of card.blocks) {
      if (block.type === 'section' && block.text)
        expect(block.text.text.length).toBeLessThanOrEqual(LIMIT.sectionText);
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(LIMIT.headerText);
    }
    expect(truncate('ab&amp;cd', 5)).toBe('ab…');
    expect(escapeMrkdwn('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
    expect(deferModal(request({ ref: 'FACILITIES-123456789' })).title.text.length).toBeLessThanOrEqual(
      LIMIT.modalTitle,
    );
  });

  it('keeps long lists within the block count of messages and Home', () => {
    const many = Array.from({ length: 150 }, (_, i) => request({ id: `r${i}`, ref: `FAC-${i}` }));
    expect(statusMessage(many, filedAt).blocks.length).toBe(LIMIT.messageBlocks);
    const home = appHomeView({
      open: many,
      recent: [],
      queues: [{ team: facilities, requests: many }],
      notifyOn: 'every_change',
      now: filedAt,
    });
    expect(home.blocks.length).toBe(LIMIT.viewBlocks);
    expect(JSON.stringify(home.blocks.at(-1))).toContain('more not shown');
  });

  it('shows no triage buttons on a resolved card, and no Take once someone has it', () => {
    const resolved = JSON.stringify(
      triageCard(view({ status: 'resolved', resolution: 'Fixed', resolvedAt: filedAt })).blocks,
    );
    expect(resolved).not.toContain('triage_');
    const assigned = JSON.stringify(
      triageCard(view({ status: 'acknowledged', assigneeId: 'p-alex' })).blocks,
    );
    expect(assigned).not.toContain('triage_take');
    expect(assigned).toContain('triage_resolve');
  });
});

describe('request updates in Slack', () => {
  const PINGS = '<!channel> <@U123> & <https://evil.example|click>';
  const ESCAPED = '&lt;!channel&gt; &lt;@U123&gt; &amp; &lt;https://evil.example|click&gt;';

  it('every event’s DM and thread note escapes what people wrote, so no note pings anyone', () => {
    const hostile: RequestView = {
      ...view({ category: PINGS, location: PINGS, description: PINGS }),
      team: { ...facilities, name: PINGS },
    };
    const actor = { ...hostile.requester, id: 'p-eve', platformUserId: 'U0EVE', name: PINGS };
    for (const type of REQUEST_EVENT_TYPES) {
      const event: RequestEvent = {
        id: 1,
        requestId: 'req-1',
        at: filedAt,
        actor,
        type,
        fromStatus: null,
        toStatus: 'open',
        data: { note: PINGS, reason: PINGS, resolution: PINGS, on: 'requester', by: 'team' },
      };
      for (const text of [requesterMessage(hostile, event), threadNote(hostile, event)]) {
        for (const ping of ['<!channel>', '<@U123>', '<https://evil']) expect(text, type).not.toContain(ping);
      }
      // Everything but a closure carries someone's words (a name, a note, the team), escaped.
      if (type !== 'closed') expect(threadNote(hostile, event), type).toContain(ESCAPED);
      expect(requesterMessage(hostile, event), type).toContain(ESCAPED);
    }
  });

  it('a DM names the request it is about, and the filing receipt says what to expect', () => {
    const taken: RequestEvent = {
      id: 2,
      requestId: 'req-1',
      at: filedAt,
      actor: { ...view().requester, id: 'p-alex', platformUserId: 'U0ALEX', name: 'Alex Fixit' },
      type: 'taken',
      fromStatus: 'open',
      toStatus: 'acknowledged',
      data: {},
    };
    expect(requesterMessage(view(), taken)).toBe(
      '*FAC-1042* · HVAC\nAlex Fixit from the Facilities team is on it.',
    );
    expect(
      requesterMessage(view(), { ...taken, type: 'filed', actor: view().requester }).split('\n'),
    ).toEqual([
      'Thanks — your request is filed as *FAC-1042* with the Facilities team.',
      'HVAC at HQ Floor 2: Meeting room 2.14 is freezing &amp; the thermostat shows &lt;10°C&gt;',
      'The Facilities team aims to pick it up by Mon 23 Nov, 10:00 and to have it done by Tue 24 Nov, 09:00. You will hear here whenever something changes.',
    ]);
  });
});
