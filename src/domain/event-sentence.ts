import { clipText } from './clip-text.js';
import { type Person, priorityLabel, type RequestEvent, type RequestView } from './request.js';

/**
 * A piece of a sentence about a request, marked by where its text came from, so that each
 * platform escapes exactly what people wrote and formats names and moments its own way.
 */
export type SentencePart =
  /** gapdesk's own words: safe on every platform as they are. */
  | { kind: 'words'; text: string }
  /** Text a person typed or an admin configured (a note, a team's name): always escaped. */
  | { kind: 'user'; text: string }
  /** Someone by name; a platform that knows them only by id may mention them instead. */
  | { kind: 'person'; person: Person }
  /** The request's reference, which a layout may emphasise. */
  | { kind: 'ref'; ref: string }
  /** A moment as the reader in `zone` sees it; a platform that knows the reader's own zone may use it. */
  | { kind: 'moment'; at: Date; zone: string };

export type Sentence = readonly SentencePart[];

/**
 * The longest free text (a note, a reason, a resolution) a sentence carries, in UTF-16 units:
 * the longest the forms accept (a resolution), so nothing typed through gapdesk is cut, and with
 * the sentence around it still inside Slack's 3,000-character section (a Teams message allows far
 * more). The same cut on both platforms, before either escapes anything.
 */
export const NOTE_MAX = 2_000;

type Piece = SentencePart | Sentence;

/** A sentence from a template: the literal text is gapdesk's words, the pieces mark themselves. */
function say(strings: TemplateStringsArray, ...pieces: Piece[]): Sentence {
  const parts: SentencePart[] = [];
  strings.forEach((text, index) => {
    if (text) parts.push({ kind: 'words', text });
    const piece = pieces[index];
    if (!piece) return;
    if ('kind' in piece) parts.push(piece);
    else parts.push(...piece);
  });
  return parts;
}

const words = (text: string): SentencePart => ({ kind: 'words', text });
const user = (text: string): SentencePart => ({ kind: 'user', text });
const person = (who: Person): SentencePart => ({ kind: 'person', person: who });

/** ": the note" when there is one, else the full stop that ends the sentence. */
function withNote(note: string | undefined): Sentence {
  return note ? [words(': '), user(clipText(note, NOTE_MAX))] : [words('.')];
}

/** Who did it, for the team: a person, or gapdesk itself when no person acted. */
function actor(event: RequestEvent): SentencePart {
  return event.actor ? person(event.actor) : words('gapdesk');
}

/** The person this event assigned: the view's assignee only if no later change replaced them. */
function assignee(view: RequestView, event: RequestEvent): Person | null {
  return view.assignee && view.assignee.id === event.data.assigneeId ? view.assignee : null;
}

function moment(iso: string | undefined, zone: string): SentencePart | Sentence {
  return iso ? { kind: 'moment', at: new Date(iso), zone } : say`a later date`;
}

/** The requester reads moments in their own timezone, or the team's when we do not know theirs. */
function requesterZone(view: RequestView): string {
  return view.requester.timezone ?? view.team.timezone;
}

/** The event as a line in the triage card's thread: who did what to which request. */
export function teamSentence(view: RequestView, event: RequestEvent): Sentence {
  const who = actor(event);
  const ref: SentencePart = { kind: 'ref', ref: view.request.ref };
  const { data } = event;
  switch (event.type) {
    case 'filed':
      return say`${who} filed ${ref}.`;
    case 'acknowledged':
      return say`${who} acknowledged ${ref}.`;
    case 'taken':
      return say`${who} took ${ref}.`;
    case 'assigned': {
      const to = assignee(view, event);
      return say`${who} assigned ${ref} to ${to ? person(to) : say`someone on the team`}.`;
    }
    case 'started':
      return say`${who} started work on ${ref}.`;
    case 'waiting':
      return data.on === 'requester'
        ? say`${who} is waiting on the requester for ${ref}${withNote(data.note)}`
        : say`${who} is waiting on resources for ${ref}${withNote(data.note)}`;
    case 'deferred':
      return say`${who} deferred ${ref} to ${moment(data.until, view.team.timezone)}${withNote(data.reason)}`;
    case 'resolved':
      return say`${who} resolved ${ref}${withNote(data.resolution)}`;
    case 'reopened': {
      if (data.by === 'team' || !data.by) return say`${who} reopened ${ref}${withNote(data.reason)}`;
      const requester = event.actor ? say`${who} (the requester)` : say`The requester`;
      // A survey's reason is gapdesk's own account of the answer; the sentence already says it.
      if (data.by === 'survey') return say`${requester} answered the survey: not fixed. ${ref} is reopened.`;
      return say`${requester} reopened ${ref}${withNote(data.reason)}`;
    }
    case 'cancelled':
      return say`${who} cancelled ${ref}${withNote(data.reason)}`;
    case 'closed':
      return say`${ref} is closed.`;
    case 'priority_changed': {
      const to = words(priorityLabel(data.priority ?? view.request.priority));
      return data.previousPriority
        ? say`${who} changed the priority of ${ref} from ${words(priorityLabel(data.previousPriority))} to ${to}.`
        : say`${who} changed the priority of ${ref} to ${to}.`;
    }
  }
}

/**
 * The event as the requester hears it, in the second person. Every layout shows the request's
 * reference above or before it, so only filing (where the reference is the news) names it.
 */
export function requesterSentence(view: RequestView, event: RequestEvent): Sentence {
  const team = user(view.team.name);
  const zone = requesterZone(view);
  const { data } = event;
  // A person from the team when one acted; the team itself when gapdesk did.
  const fromTeam = event.actor ? say`${person(event.actor)} from the ${team} team` : say`The ${team} team`;
  switch (event.type) {
    case 'filed':
      return say`Thanks — your request is filed as ${{ kind: 'ref', ref: view.request.ref }} with the ${team} team.`;
    case 'acknowledged':
      return say`${fromTeam} has seen your request.`;
    case 'taken':
      return say`${fromTeam} is on it.`;
    case 'assigned': {
      const to = assignee(view, event);
      return to
        ? say`${person(to)} from the ${team} team is on it.`
        : say`Someone from the ${team} team is on it.`;
    }
    case 'started':
      return say`${fromTeam} has started work on your request.`;
    case 'waiting':
      return data.on === 'requester'
        ? say`${fromTeam} needs something from you${withNote(data.note)}`
        : say`Your request is waiting on resources (parts, access or budget)${withNote(data.note)}`;
    case 'deferred':
      return data.reason
        ? say`The ${team} team will get to your request by ${moment(data.until, zone)}. Why: ${user(clipText(data.reason, NOTE_MAX))}`
        : say`The ${team} team will get to your request by ${moment(data.until, zone)}.`;
    case 'resolved':
      return say`Your request is resolved${withNote(data.resolution)}`;
    case 'reopened':
      return say`Your request is reopened and back in the ${team} team’s queue.`;
    case 'cancelled':
      return say`Your request is cancelled${withNote(data.reason)}`;
    case 'closed':
      return say`Your request is closed.`;
    case 'priority_changed':
      return say`Your request’s priority is now ${words(priorityLabel(data.priority ?? view.request.priority))}.`;
  }
}

/** What the requester can expect once they file: the team's own targets, as moments. */
export function filedExpectation(view: RequestView): Sentence {
  const team = user(view.team.name);
  const zone = requesterZone(view);
  const ack = view.sla.acknowledge.dueAt;
  const resolve = view.sla.resolve.dueAt;
  const by = (at: Date): SentencePart => ({ kind: 'moment', at, zone });
  const promise = ack
    ? resolve
      ? say`The ${team} team aims to pick it up by ${by(ack)} and to have it done by ${by(resolve)}.`
      : say`The ${team} team aims to pick it up by ${by(ack)}.`
    : resolve
      ? say`The ${team} team aims to have it done by ${by(resolve)}.`
      : say`The ${team} team will pick it up.`;
  return say`${promise} You will hear here whenever something changes.`;
}

/**
 * How one platform writes each kind of part: the only choices left to it. gapdesk's own words
 * need no escaping anywhere, so they are written as they are.
 */
export type SentenceStyle = {
  user: (text: string) => string;
  person: (person: Person) => string;
  ref: (ref: string) => string;
  moment: (at: Date, zone: string) => string;
};

function renderPart(part: SentencePart, style: SentenceStyle): string {
  switch (part.kind) {
    case 'words':
      return part.text;
    case 'user':
      return style.user(part.text);
    case 'person':
      return style.person(part.person);
    case 'ref':
      return style.ref(part.ref);
    case 'moment':
      return style.moment(part.at, part.zone);
  }
}

export function renderSentence(sentence: Sentence, style: SentenceStyle): string {
  return sentence.map((part) => renderPart(part, style)).join('');
}
