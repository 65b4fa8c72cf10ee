import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { requestFormCard, teamPickerCard } from '../../../adapters/teams/cards/request-form-card.js';
import {
  confirmationCard,
  helpCard,
  myRequestsCard,
  requesterUpdateCard,
} from '../../../adapters/teams/cards/requester-cards.js';
import { cardText, htmlText } from '../../../adapters/teams/cards/text.js';
import { triageCard } from '../../../adapters/teams/cards/triage-card.js';
import { threadNote } from '../../../adapters/teams/notifier/thread-text.js';
import {
  type Person,
  REQUEST_EVENT_TYPES,
  type RequestEvent,
  type RequestView,
  type ServiceRequest,
} from '../../../src/domain/request.js';
import type { SlaClock } from '../../../src/domain/sla-clock.js';
import { testTeams } from '../../fixtures/teams.js';

// Microsoft's own Adaptive Cards library (CommonJS build) is the judge of what a valid card is.
const AdaptiveCards = createRequire(import.meta.url)(
  'adaptivecards/dist/adaptivecards.js',
) as typeof import('adaptivecards');

function problems(json: object): string[] {
  const card = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  card.parse(json, context);
  const parseEvents = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  return [...parseEvents, ...card.validateProperties().validationEvents.map((event) => event.message)];
}

const [facilities] = testTeams();
if (!facilities) throw new Error('fixture');
const filedAt = new Date('2026-11-23T09:00:00Z');
const person = (id: string, name: string): Person => ({
  id,
  platform: 'teams',
  platformUserId: `aad-${id}`,
  name,
  timezone: null,
  locale: null,
});
const requester = person('riley', 'Riley Requester');
const alex = person('alex', 'Alex Fixit');
const clock = (dueAt: Date | null, state: SlaClock['state'] = 'running'): SlaClock => ({
  targetMinutes: 60,
  elapsedMinutes: 10,
  dueAt,
  warnAt: dueAt,
  completedAt: state === 'met' ? filedAt : null,
  paused: state === 'paused',
  breached: state === 'breached',
  state,
});

function view(patch: Partial<ServiceRequest> = {}, assignee: Person | null = null): RequestView {
  const request: ServiceRequest = {
    id: 'req-1',
    ref: 'FAC-1001',
    teamId: facilities?.id ?? '',
    requesterId: requester.id,
    category: 'HVAC',
    location: 'HQ Floor 2',
    priority: 'high',
    description: 'The radiator is cold **again** [see](http://x.example) <at>Sam</at>',
    neededByChoice: 'today',
    neededBy: new Date('2026-11-23T18:00:00Z'),
    status: 'open',
    waitingOn: null,
    waitingNote: null,
    assigneeId: assignee?.id ?? null,
    deferredUntil: null,
    deferReason: null,
    resolution: null,
    sourcePlatform: 'teams',
    sourceEntry: 'teams_chat',
    sourcePermalink: null,
    filedAt,
    acknowledgedAt: null,
    startedAt: null,
    resolvedAt: null,
    closedAt: null,
    cancelledAt: null,
    reopenCount: 0,
    slaAckDueAt: new Date('2026-11-23T10:00:00Z'),
    slaResolveDueAt: new Date('2026-11-24T09:00:00Z'),
    neededByTighter: true,
    version: 1,
    ...patch,
  };
  return {
    request,
    team: facilities as NonNullable<typeof facilities>,
    requester,
    assignee,
    sla: { acknowledge: clock(request.slaAckDueAt), resolve: clock(request.slaResolveDueAt) },
    now: filedAt,
  };
}

const event = (type: RequestEvent['type'], data: RequestEvent['data'] = {}): RequestEvent => ({
  id: 7,
  requestId: 'req-1',
  at: filedAt,
  actor: alex,
  type,
  fromStatus: 'open',
  toStatus: 'acknowledged',
  data,
});

const members = [
  { id: 'aad-alex', name: 'Alex Fixit' },
  { id: 'aad-sam', name: 'Sam Lead' },
];
const team = facilities as NonNullable<typeof facilities>;

describe('Teams Adaptive Cards are valid for Microsoft’s adaptivecards library', () => {
  const cases: Array<[string, object]> = [
    ['team picker (Action.Execute)', teamPickerCard(testTeams(), 'form-1', 'cold', 'execute')],
    ['team picker (Action.Submit, dialog)', teamPickerCard(testTeams(), 'form-1', 'cold', 'submit')],
    ['empty form', requestFormCard({ team, formId: 'form-1', submit: 'execute' })],
    [
      'form with errors and values',
      requestFormCard({
        team,
        formId: 'form-1',
        submit: 'submit',
        values: {
          description: 'x',
          category: 'HVAC',
          location: 'Warehouse',
          neededBy: 'today',
          neededByDate: '2026-12-01',
        },
        errors: {
          description: 'Tell us a little more (at least 3 characters).',
          neededByDate: 'Pick a date from today on.',
        },
      }),
    ],
    [
      'form for a team without locations',
      requestFormCard({ team: { ...team, locations: [] }, formId: 'f', submit: 'execute' }),
    ],
    ['confirmation', confirmationCard(view())],
    ['my requests (empty)', myRequestsCard({ open: [], recent: [] }, () => 'Facilities')],
    [
      'my requests',
      myRequestsCard(
        { open: [view().request], recent: [view({ status: 'resolved' }).request] },
        () => 'Facilities',
      ),
    ],
    ['help', helpCard()],
    ['triage card, new', triageCard(view(), members)],
    ['triage card, with a notice', triageCard(view({}, alex), members, 'Alex Fixit already has this.')],
    [
      'triage card, waiting',
      triageCard(
        view({ status: 'waiting', waitingOn: 'requester', waitingNote: 'Which room?' }, alex),
        members,
      ),
    ],
    [
      'triage card, deferred',
      triageCard(view({ status: 'deferred', deferredUntil: new Date('2026-11-30T18:00:00Z') }), members),
    ],
    ['triage card, resolved', triageCard(view({ status: 'resolved', resolution: 'Bled it' }, alex), members)],
    ...REQUEST_EVENT_TYPES.map((type): [string, object] => [
      `requester update: ${type}`,
      requesterUpdateCard(
        view({}, alex),
        event(type, {
          note: 'n',
          reason: 'r',
          until: '2026-11-30T18:00:00Z',
          on: 'requester',
          resolution: 'done',
          assigneeId: 'alex',
        }),
        'every_change',
      ),
    ]),
  ];

  it.each(cases)('%s', (_name, card) => {
    expect(problems(card)).toEqual([]);
  });

  it('flags a required input without an error message (the check itself works)', () => {
    const bad = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Input.Text', id: 'x', label: 'X', isRequired: true }],
    };
    expect(problems(bad)).toContain('Required inputs should have an error message');
  });
});

describe('cards a reviewer can read (snapshots)', () => {
  it('the triage card of a new request', () => {
    expect(triageCard(view(), members)).toMatchSnapshot();
  });

  it('the filing form after a failed submission', () => {
    expect(
      requestFormCard({
        team,
        formId: 'form-1',
        submit: 'execute',
        values: { description: 'no', neededBy: 'today' },
        errors: {
          description: 'Tell us a little more (at least 3 characters).',
          category: 'Pick a category.',
        },
      }),
    ).toMatchSnapshot();
  });
});

describe('escaping user text', () => {
  it('makes markdown, mentions and HTML literal in card text', () => {
    const text = cardText(
      '**bold** _it_ [link](http://evil.example) <at>Sam</at> <img src=x>\n- item\n1. first',
    );
    expect(text).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\[link\\]\\(http://evil.example\\) \\<at\\>Sam\\</at\\> \\<img src=x\\>\n\\- item\n1\\. first',
    );
  });

  it('every event’s update card and thread note keep what people wrote literal', () => {
    const hostile = '**x** <at>Sam</at> [a](b)';
    const evil = { ...alex, name: hostile };
    const hostileView: RequestView = { ...view({}, evil), team: { ...team, name: hostile } };
    for (const type of REQUEST_EVENT_TYPES) {
      const update = event(type, {
        note: hostile,
        reason: hostile,
        resolution: hostile,
        on: 'requester',
        by: 'team',
      });
      const card = JSON.stringify(
        requesterUpdateCard(hostileView, { ...update, actor: evil }, 'every_change'),
      );
      expect(card, type).not.toMatch(/[^\\]<at>|[^\\]\*\*x|[^\\]\[a\]/);
      // A closure or a priority change carries nobody's words to the requester; the rest do.
      if (type !== 'closed' && type !== 'priority_changed')
        expect(card, type).toContain(JSON.stringify(cardText(hostile)).slice(1, -1));
      const note = String(threadNote(hostileView, { ...update, actor: evil }).text);
      expect(note, type).not.toMatch(/<at>|\*\*|\[a\]/);
      if (type !== 'closed') expect(note, type).toContain(htmlText(hostile));
    }
  });

  it('makes tags and markdown literal in message HTML', () => {
    expect(htmlText('<at>Sam</at> **x** [a](b) & "q"')).toBe(
      '&lt;at&gt;Sam&lt;/at&gt; &#42;&#42;x&#42;&#42; &#91;a&#93;(b) &amp; &quot;q&quot;',
    );
  });
});
