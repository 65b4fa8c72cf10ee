import type { RequestEvent, RequestView } from '../../../src/domain/request.js';

/** How a sentence is written for its medium: card markdown or message HTML. */
export type TextStyle = { text: (userText: string) => string; day: (at: Date) => string };

const WAITING_ON = { resources: 'resources (parts, access or budget)', requester: 'the requester' } as const;

function actorName(event: RequestEvent, style: TextStyle): string {
  return event.actor ? style.text(event.actor.name) : 'Someone';
}

function assigneeName(view: RequestView, event: RequestEvent, style: TextStyle): string {
  const assignee = view.assignee && view.assignee.id === event.data.assigneeId ? view.assignee : null;
  return assignee ? style.text(assignee.name) : 'a team member';
}

function withNote(sentence: string, note: string | undefined, style: TextStyle): string {
  return note ? `${sentence}: ${style.text(note)}` : `${sentence}.`;
}

/** The event as one line of the triage card's thread (the team's view). */
export function teamLine(view: RequestView, event: RequestEvent, style: TextStyle): string {
  const who = actorName(event, style);
  const { data } = event;
  switch (event.type) {
    case 'filed':
      return `${who} filed this.`;
    case 'acknowledged':
      return `${who} acknowledged this.`;
    case 'taken':
      return `${who} took this.`;
    case 'assigned':
      return `${who} assigned this to ${assigneeName(view, event, style)}.`;
    case 'started':
      return `${who} started work.`;
    case 'waiting':
      return withNote(`${who} is waiting on ${WAITING_ON[data.on ?? 'resources']}`, data.note, style);
    case 'deferred':
      return withNote(
        `${who} deferred this to ${data.until ? style.day(new Date(data.until)) : 'later'}`,
        data.reason,
        style,
      );
    case 'resolved':
      return withNote(`${who} resolved this`, data.resolution, style);
    case 'reopened':
      return withNote(`Reopened by ${data.by === 'team' ? who : 'the requester'}`, data.reason, style);
    case 'cancelled':
      return withNote(`${who} cancelled this`, data.reason, style);
    case 'closed':
      return 'Closed.';
    case 'priority_changed':
      return `${who} changed the priority from ${data.previousPriority ?? '?'} to ${data.priority ?? '?'}.`;
  }
}

/** The event as the requester hears it (second person, what it means for them). */
export function requesterLine(view: RequestView, event: RequestEvent, style: TextStyle): string {
  const team = style.text(view.team.name);
  const { data } = event;
  switch (event.type) {
    case 'filed':
      return `Your request is with the ${team} team.`;
    case 'acknowledged':
      return `The ${team} team has seen your request.`;
    case 'taken':
      return `${actorName(event, style)} from the ${team} team is on it.`;
    case 'assigned':
      return `${assigneeName(view, event, style)} from the ${team} team is on it.`;
    case 'started':
      return 'Work on it has started.';
    case 'waiting':
      return data.on === 'requester'
        ? withNote('The team needs something from you', data.note, style)
        : withNote(`It is waiting on ${WAITING_ON.resources}`, data.note, style);
    case 'deferred':
      return withNote(
        `The ${team} team will get to it by ${data.until ? style.day(new Date(data.until)) : 'a later date'}`,
        data.reason,
        style,
      );
    case 'resolved':
      return withNote('It is resolved', data.resolution, style);
    case 'reopened':
      return 'It has been reopened.';
    case 'cancelled':
      return withNote('It has been cancelled', data.reason, style);
    case 'closed':
      return 'It is closed.';
    case 'priority_changed':
      return `Its priority is now ${data.priority ?? 'changed'}.`;
  }
}
