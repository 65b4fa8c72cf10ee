import { z } from 'zod';
import type { RequestEventType } from './request.js';

/**
 * How much a requester hears of their requests' changes: every change (the default), or, in
 * quiet mode, only what changes their plans: the request deferred (with its new date) or
 * resolved. The receipt of a filing is always sent: it is the answer to their own action.
 */
export const notifyOnSchema = z.enum(['every_change', 'resolved_or_deferred']);
export type NotifyOn = z.infer<typeof notifyOnSchema>;

const TOLD_WHEN_QUIET: ReadonlySet<RequestEventType> = new Set(['filed', 'deferred', 'resolved']);

export function tellsRequester(notifyOn: NotifyOn, event: RequestEventType): boolean {
  return notifyOn === 'every_change' || TOLD_WHEN_QUIET.has(event);
}

/** What the person is told when they change it. */
export const NOTIFY_ON_CONFIRMATION: Record<NotifyOn, string> = {
  every_change: 'Done: I will tell you about every change to your requests.',
  resolved_or_deferred: 'Done: I will only tell you when a request of yours is resolved or deferred.',
};

/** The choice offered to someone who has the other one. */
export const NOTIFY_ON_OFFER: Record<NotifyOn, { label: string; switchTo: NotifyOn }> = {
  every_change: { label: 'Only tell me when resolved or deferred', switchTo: 'resolved_or_deferred' },
  resolved_or_deferred: { label: 'Tell me every change', switchTo: 'every_change' },
};
