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

/** Under a requester DM: the choice in effect, small, and the button to change it. */
export function requesterUpdatesBlocks(notifyOn: NotifyOn): types.KnownBlock[] {
  return [
    { type: 'context', elements: [{ type: 'mrkdwn', text: QUIET_NOTE[notifyOn] }] },
    { type: 'actions', elements: [requesterUpdatesButton(notifyOn)] },
  ];
}
