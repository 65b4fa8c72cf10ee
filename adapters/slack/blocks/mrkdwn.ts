import { clipText } from '../../../src/domain/clip-text.js';

/**
 * Slack mrkdwn safety. Slack reads `<…>` as links and mentions (`<!channel>`, `<@U123>`), so
 * user text must have & < > escaped — the three characters Slack asks apps to escape. Mentions
 * we make on purpose are built from ids in our own data, never from user text.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A deliberate mention of a Slack user id from our config or database. */
export function mentionUser(userId: string): string {
  if (!/^[UW][A-Z0-9]+$/.test(userId)) return escapeMrkdwn(userId);
  return `<@${userId}>`;
}

/** A link whose target came from Slack itself (a permalink); anything else is shown as text. */
export function safeLink(url: string | null, label: string): string {
  if (!url || !/^https:\/\/[^\s<>|]+$/.test(url)) return escapeMrkdwn(label);
  return `<${url}|${escapeMrkdwn(label)}>`;
}

/**
 * Shortens to `max` characters with an ellipsis, without splitting an escape like `&amp;` (nor a
 * character, which clipText keeps whole).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = clipText(text, max).slice(0, -1);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return `${cut}…`;
}

/** Escapes then truncates, so the limit holds for the text Slack actually receives. */
export function userText(text: string, max: number): string {
  return truncate(escapeMrkdwn(text), max);
}

/** Quotes each line of user text (already escaped and truncated by the caller). */
export function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

/**
 * A person as Slack should show them: their name, escaped; or, when we only know their Slack
 * id (someone assigned before they ever used gapdesk), a mention, which Slack renders as
 * their current name.
 */
export function personLabel(person: { platform: string; platformUserId: string; name: string }): string {
  if (person.platform === 'slack' && person.name === person.platformUserId)
    return mentionUser(person.platformUserId);
  return escapeMrkdwn(person.name);
}
