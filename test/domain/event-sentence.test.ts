import { describe, expect, it } from 'vitest';
import {
  filedExpectation,
  NOTE_MAX,
  renderSentence,
  requesterSentence,
  type Sentence,
  type SentenceStyle,
  teamSentence,
} from '../../src/domain/event-sentence.js';
import {
  type EventData,
  type Person,
  REQUEST_EVENT_TYPES,
  type RequestEvent,
  type RequestEventType,
  type RequestView,
  type ServiceRequest,
} from '../../src/domain/request.js';
import type { SlaClock } from '../../src/domain/sla-clock.js';
import { testTeams } from '../fixtures/teams.js';

const [facilities] = testTeams();
if (!facilities) throw new Error('fixture');
const at = new Date('2026-11-23T09:00:00Z');

const person = (id: string, name: string, timezone: string | null = null): Person => ({
  id,
  platform: 'slack',
  platformUserId: `U0${id.toUpperCase()}`,
  name,
  timezone,
  locale: null,
});
const dana = person('dana', 'Dana Reyes');
const alex = person('alex', 'Alex Fixit');
const sam = person('sam', 'Sam Lead');

const clock = (dueAt: Date | null): SlaClock => ({
  targetMinutes: 60,
  elapsedMinutes: 0,
  dueAt,
  warnAt: dueAt,
  completedAt: null,
  paused: false,
  breached: false,
  state: 'running',
});

function view(
  patch: { requester?: Person; assignee?: Person | null; ack?: Date | null; resolve?: Date | null } = {},
) {
  const request = {
    id: 'req-1',
    ref: 'FAC-1042',
    priority: 'high',
    category: 'Plumbing',
  } as Partial<ServiceRequest> as ServiceRequest;
  const result: RequestView = {
    request,
    team: facilities as NonNullable<typeof facilities>,
    requester: patch.requester ?? dana,
    assignee: patch.assignee === undefined ? alex : patch.assignee,
    sla: {
      acknowledge: clock(patch.ack === undefined ? new Date('2026-11-23T10:00:00Z') : patch.ack),
      resolve: clock(patch.resolve === undefined ? new Date('2026-11-24T09:00:00Z') : patch.resolve),
    },
    now: at,
  };
  return result;
}

const event = (type: RequestEventType, data: EventData = {}, actor: Person | null = sam): RequestEvent => ({
  id: 1,
  requestId: 'req-1',
  at,
  actor,
  type,
  fromStatus: null,
  toStatus: 'open',
  data,
});

/** Marks every part by kind, so a test sees both the words and whose they are. */
const MARKED: SentenceStyle = {
  user: (text) => `«${text}»`,
  person: (who) => `[${who.name}]`,
  ref: (ref) => `#${ref}`,
  moment: (moment, zone) => `<${moment.toISOString().slice(0, 16)}Z in ${zone}>`,
};
const text = (sentence: Sentence) => renderSentence(sentence, MARKED);

// One event of each type, with the data the services record for it.
const EVENTS: Record<RequestEventType, EventData> = {
  filed: {},
  acknowledged: {},
  taken: { assigneeId: 'sam' },
  assigned: { assigneeId: 'alex' },
  started: {},
  waiting: { on: 'requester', note: 'Which room exactly?' },
  deferred: { until: '2026-11-30T18:00:00.000Z', reason: 'Parts arrive Monday' },
  resolved: { resolution: 'Bled the radiator' },
  reopened: { by: 'team', reason: 'Still dripping' },
  cancelled: { reason: 'Not needed any more' },
  closed: {},
  priority_changed: { priority: 'urgent', previousPriority: 'high' },
};

describe('what the team reads in the triage thread', () => {
  it('names who did what to which request, for every kind of event', () => {
    const lines = REQUEST_EVENT_TYPES.map((type) => text(teamSentence(view(), event(type, EVENTS[type]))));
    expect(lines).toEqual([
      '[Sam Lead] filed #FAC-1042.',
      '[Sam Lead] acknowledged #FAC-1042.',
      '[Sam Lead] took #FAC-1042.',
      '[Sam Lead] assigned #FAC-1042 to [Alex Fixit].',
      '[Sam Lead] started work on #FAC-1042.',
      '[Sam Lead] is waiting on the requester for #FAC-1042: «Which room exactly?»',
      '[Sam Lead] deferred #FAC-1042 to <2026-11-30T18:00Z in Europe/London>: «Parts arrive Monday»',
      '[Sam Lead] resolved #FAC-1042: «Bled the radiator»',
      '[Sam Lead] reopened #FAC-1042: «Still dripping»',
      '[Sam Lead] cancelled #FAC-1042: «Not needed any more»',
      '#FAC-1042 is closed.',
      '[Sam Lead] changed the priority of #FAC-1042 from High to Urgent.',
    ]);
  });

  it('names gapdesk when no person acted', () => {
    expect(text(teamSentence(view(), event('acknowledged', {}, null)))).toBe(
      'gapdesk acknowledged #FAC-1042.',
    );
    expect(text(teamSentence(view(), event('resolved', {}, null)))).toBe('gapdesk resolved #FAC-1042.');
  });

  it('waiting on resources says so, with or without a note', () => {
    expect(text(teamSentence(view(), event('waiting', { on: 'resources', note: 'Valve on order' })))).toBe(
      '[Sam Lead] is waiting on resources for #FAC-1042: «Valve on order»',
    );
    expect(text(teamSentence(view(), event('waiting', { on: 'resources' })))).toBe(
      '[Sam Lead] is waiting on resources for #FAC-1042.',
    );
  });

  it('an assignment names the assignee only while they still have the request', () => {
    const reassigned = view({ assignee: sam });
    expect(text(teamSentence(reassigned, event('assigned', { assigneeId: 'alex' })))).toBe(
      '[Sam Lead] assigned #FAC-1042 to someone on the team.',
    );
  });

  it('a reopening says when it was the requester, and a survey’s “not fixed” in its own words', () => {
    const byRequester = event('reopened', { by: 'requester', reason: 'Still cold' }, dana);
    expect(text(teamSentence(view(), byRequester))).toBe(
      '[Dana Reyes] (the requester) reopened #FAC-1042: «Still cold»',
    );
    const bySurvey = event(
      'reopened',
      { by: 'survey', reason: 'The requester answered the survey: not fixed.' },
      dana,
    );
    expect(text(teamSentence(view(), bySurvey))).toBe(
      '[Dana Reyes] (the requester) answered the survey: not fixed. #FAC-1042 is reopened.',
    );
    expect(text(teamSentence(view(), event('reopened', { by: 'requester' }, null)))).toBe(
      'The requester reopened #FAC-1042.',
    );
  });

  it('a priority change shows the priority’s label, not its code, even without the old one', () => {
    expect(text(teamSentence(view(), event('priority_changed', { priority: 'low' })))).toBe(
      '[Sam Lead] changed the priority of #FAC-1042 to Low.',
    );
  });
});

describe('what the requester reads', () => {
  it('hears every kind of event in the second person, from the team or the person who acted', () => {
    const lines = REQUEST_EVENT_TYPES.map((type) =>
      text(requesterSentence(view(), event(type, EVENTS[type]))),
    );
    expect(lines).toEqual([
      'Thanks — your request is filed as #FAC-1042 with the «Facilities» team.',
      '[Sam Lead] from the «Facilities» team has seen your request.',
      '[Sam Lead] from the «Facilities» team is on it.',
      '[Alex Fixit] from the «Facilities» team is on it.',
      '[Sam Lead] from the «Facilities» team has started work on your request.',
      '[Sam Lead] from the «Facilities» team needs something from you: «Which room exactly?»',
      'The «Facilities» team will get to your request by <2026-11-30T18:00Z in Europe/London>. Why: «Parts arrive Monday»',
      'Your request is resolved: «Bled the radiator»',
      'Your request is reopened and back in the «Facilities» team’s queue.',
      'Your request is cancelled: «Not needed any more»',
      'Your request is closed.',
      'Your request’s priority is now Urgent.',
    ]);
  });

  it('hears from the team itself when no person acted', () => {
    expect(text(requesterSentence(view(), event('acknowledged', {}, null)))).toBe(
      'The «Facilities» team has seen your request.',
    );
    expect(
      text(requesterSentence(view(), event('waiting', { on: 'requester', note: 'Which room?' }, null))),
    ).toBe('The «Facilities» team needs something from you: «Which room?»');
  });

  it('a deferral names the date in the requester’s timezone, or the team’s when theirs is unknown', () => {
    const abroad = view({ requester: person('dana', 'Dana Reyes', 'America/New_York') });
    expect(text(requesterSentence(abroad, event('deferred', EVENTS.deferred)))).toContain(
      'by <2026-11-30T18:00Z in America/New_York>.',
    );
    expect(text(requesterSentence(view(), event('deferred', { until: '2026-11-30T18:00:00.000Z' })))).toBe(
      'The «Facilities» team will get to your request by <2026-11-30T18:00Z in Europe/London>.',
    );
  });

  it('waiting on resources explains what resources are', () => {
    expect(text(requesterSentence(view(), event('waiting', { on: 'resources' })))).toBe(
      'Your request is waiting on resources (parts, access or budget).',
    );
  });

  it('an assignment that has since changed hands does not name the wrong person', () => {
    expect(text(requesterSentence(view({ assignee: null }), event('assigned', { assigneeId: 'alex' })))).toBe(
      'Someone from the «Facilities» team is on it.',
    );
  });
});

describe('what the requester can expect once they file', () => {
  it('names both targets as moments in the requester’s timezone', () => {
    expect(text(filedExpectation(view()))).toBe(
      'The «Facilities» team aims to pick it up by <2026-11-23T10:00Z in Europe/London> and to have it done by <2026-11-24T09:00Z in Europe/London>. You will hear here whenever something changes.',
    );
  });

  it('promises only the targets the team has', () => {
    expect(text(filedExpectation(view({ resolve: null })))).toBe(
      'The «Facilities» team aims to pick it up by <2026-11-23T10:00Z in Europe/London>. You will hear here whenever something changes.',
    );
    expect(text(filedExpectation(view({ ack: null })))).toBe(
      'The «Facilities» team aims to have it done by <2026-11-24T09:00Z in Europe/London>. You will hear here whenever something changes.',
    );
    expect(text(filedExpectation(view({ ack: null, resolve: null })))).toBe(
      'The «Facilities» team will pick it up. You will hear here whenever something changes.',
    );
  });
});

describe('what people wrote stays theirs', () => {
  const hostile = '<!channel> **now** <at>Sam</at>';

  it('notes, reasons and resolutions are marked as user text in every sentence, never as gapdesk’s words', () => {
    for (const type of REQUEST_EVENT_TYPES) {
      const data: EventData = { note: hostile, reason: hostile, resolution: hostile, on: 'requester' };
      for (const sentence of [
        teamSentence(view(), event(type, data)),
        requesterSentence(view(), event(type, data)),
      ]) {
        for (const part of sentence) if (part.kind === 'words') expect(part.text, type).not.toContain('<');
      }
    }
    expect(text(teamSentence(view(), event('resolved', { resolution: hostile })))).toBe(
      `[Sam Lead] resolved #FAC-1042: «${hostile}»`,
    );
  });

  it('free text longer than NOTE_MAX is cut to it, the same cut whichever platform shows it', () => {
    const long = `${'a'.repeat(NOTE_MAX - 2)}😀 and more`;
    const [note] = teamSentence(view(), event('resolved', { resolution: long })).filter(
      (p) => p.kind === 'user',
    );
    expect(note).toEqual({ kind: 'user', text: `${'a'.repeat(NOTE_MAX - 2)}…` });
    const [reason] = requesterSentence(
      view(),
      event('deferred', { until: EVENTS.deferred.until, reason: long }),
    ).filter((p) => p.kind === 'user' && p.text.startsWith('aaa'));
    expect(reason).toEqual(note);
  });
});
