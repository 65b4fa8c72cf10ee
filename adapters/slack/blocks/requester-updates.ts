import type { types } from '@slack/bolt';
import { NOTIFY_ON_OFFER, type NotifyOn } from '../../../src/domain/requester-updates.js';
import { ACTION } from '../ids.js';

const QUIET_NOTE: Record<NotifyOn, string> = {
  every_change: 'You hear about every change to your requests.',
  resolved_or_deferred: 'Quiet mode: you hear only when a request is resolved or deferred.',
};

/** The button that switches the person to the other choice; its value is the choice it sets. */
export function requesterUpdatesButton(notifyOn: NotifyOn): types.Button {
  const offer = NOTIFY_ON_OFFER[notifyOn];
  return {
    type: 'button',
    action_id: ACTION.requesterUpdates,
    text: { type: 'plain_text', text: offer.label },
    value: offer.switchTo,
  };
}

/** The requester's "Cancel request…" on one of their open requests: opens the modal asking why. */
export function cancelButton(requestId: string): types.Button {
  return {
    type: 'button',
    action_id: ACTION.cancel,
    text: { type: 'plain_text', text: 'Cancel request…' },
    value: requestId,
  };
}

/**
 * Under a requester DM: the choice in effect, small, and the button to change it; under the
 * receipt also Cancel request… (`cancellable`: the request's id).
 */
export function requesterUpdatesBlocks(notifyOn: NotifyOn, cancellable?: string): types.KnownBlock[] {
  return [
    { type: 'context', elements: [{ type: 'mrkdwn', text: QUIET_NOTE[notifyOn] }] },
    {
      type: 'actions',
      elements: [...(cancellable ? [cancelButton(cancellable)] : []), requesterUpdatesButton(notifyOn)],
    },
  ];
}
