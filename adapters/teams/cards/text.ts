import type { SentenceStyle } from '../../../src/domain/event-sentence.js';
import { localTime } from '../../../src/domain/local-time.js';
import type { NeededByChoice, ServiceRequest } from '../../../src/domain/request.js';
import type { RequestStatus } from '../../../src/domain/request-lifecycle.js';

/**
 * User text for an Adaptive Card TextBlock, which renders a markdown subset: every markdown
 * character is backslash-escaped, and list markers at line starts too, so `**`, `[link](…)`,
 * `<at>` and HTML show literally. Cards only: message text takes htmlText.
 */
export function cardText(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!<>|~&]/g, (char) => `\\${char}`)
    .replace(/^(\s*)-(\s)/gm, '$1\\-$2')
    .replace(/^(\s*)(\d+)\.(\s)/gm, '$1$2\\.$3');
}

/**
 * User text for a message with textFormat xml (Teams reads message text as a subset of HTML and
 * Markdown): entity-escaped, never backslash-escaped (Teams documents no backslash escapes
 * there): `&amp;`, `&lt;`, `&gt;` and quotes, and the markdown characters as numeric entities,
 * so neither tags, `<at>` nor markdown come alive. A real mention is an entity of the message
 * (bot-transport.ts Mention), never text a user wrote.
 */
export function htmlText(text: string): string {
  const entities: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
    '*': '&#42;',
    _: '&#95;',
    '[': '&#91;',
    ']': '&#93;',
    '`': '&#96;',
    '~': '&#126;',
    '#': '&#35;',
  };
  return text.replace(/[&<>"'*_[\]`~#]/g, (char) => entities[char] ?? char);
}

/**
 * A moment for a card: Adaptive Cards' DATE/TIME functions show it in the reader's own
 * timezone and locale (they need an ISO instant without milliseconds).
 */
export function cardWhen(at: Date): string {
  const iso = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}

export function cardDay(at: Date): string {
  return `{{DATE(${at.toISOString().replace(/\.\d{3}Z$/, 'Z')}, SHORT)}}`;
}

/** A moment in plain message text (no card functions there): the team's timezone, named. */
export function plainWhen(at: Date, zone: string): string {
  const local = localTime(at, zone);
  return `${local.weekday} ${local.day} ${local.month}, ${local.hour}:${local.minute} (${zone})`;
}

/**
 * Sentences in card markdown: what people wrote escaped, references bold, and moments as card
 * functions, which show them in the reader's own timezone (better than any zone we could pick).
 */
export const CARD_SENTENCE: SentenceStyle = {
  user: cardText,
  person: (person) => cardText(person.name),
  ref: (ref) => `**${ref}**`,
  moment: (at) => cardWhen(at),
};

/** Sentences in message HTML: escaped, references bold, moments in the zone the sentence names. */
export const HTML_SENTENCE: SentenceStyle = {
  user: htmlText,
  person: (person) => htmlText(person.name),
  ref: (ref) => `<b>${ref}</b>`,
  moment: plainWhen,
};

export const NEEDED_BY_LABEL: Record<Exclude<NeededByChoice, 'date'>, string> = {
  within_hour: 'Within the hour',
  today: 'Today',
  this_week: 'This week',
  no_rush: 'No rush',
};

export const STATUS_LABEL: Record<RequestStatus, string> = {
  open: 'New',
  acknowledged: 'Acknowledged',
  in_progress: 'In progress',
  waiting: 'Waiting',
  deferred: 'Deferred',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

export function neededByCardText(request: ServiceRequest): string {
  if (request.neededByChoice === 'no_rush' || !request.neededBy) return 'No rush';
  const label = request.neededByChoice === 'date' ? 'By' : NEEDED_BY_LABEL[request.neededByChoice];
  return `${label} (${cardWhen(request.neededBy)})`;
}
