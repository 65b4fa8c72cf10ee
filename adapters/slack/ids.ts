/**
 * Every name Slack sees: the slash command, callback ids and action ids. The manifest
 * (manifest.yaml) names the same ones; a test keeps them in step.
 */
export const SLASH_COMMAND = '/request';

export const CALLBACK = {
  globalShortcut: 'new_request',
  messageShortcut: 'turn_into_request',
  requestModal: 'request_submit',
  assignModal: 'triage_assign_submit',
  deferModal: 'triage_defer_submit',
  waitModal: 'triage_wait_submit',
  resolveModal: 'triage_resolve_submit',
  cancelModal: 'requester_cancel_submit',
} as const;

export const ACTION = {
  openForm: 'open_request_form',
  chooseTeam: 'choose_team',
  take: 'triage_take',
  assign: 'triage_assign',
  defer: 'triage_defer',
  wait: 'triage_wait',
  resolve: 'triage_resolve',
  requesterUpdates: 'requester_updates',
  cancel: 'requester_cancel',
  /** The digest's "Open the report" link button: Slack opens the URL and still sends block_actions. */
  openReport: 'digest_open_report',
} as const;

/** Block ids of the filing modal; service field names map onto them. */
export const FORM_BLOCK = {
  team: 'team',
  category: 'category',
  location: 'location',
  description: 'description',
  neededBy: 'needed_by',
  neededByDate: 'needed_by_date',
} as const;

export const TRIAGE_BLOCK = {
  assignee: 'assignee',
  until: 'until',
  reason: 'reason',
  waitingOn: 'waiting_on',
  note: 'note',
  resolution: 'resolution',
} as const;

/** Events the app subscribes to (message.im arrives as a 'message' event with channel_type 'im'). */
export const EVENT = {
  appHomeOpened: 'app_home_opened',
  message: 'message',
  reactionAdded: 'reaction_added',
} as const;

/** The reaction that files a message as a request. */
export const TICKET_REACTION = 'ticket';

/** MessageRef purposes: what the bot posted, so a retried job updates or skips instead of reposting. */
export const REF = {
  triageCard: 'triage_card',
  threadNote: 'thread_note',
  requesterDm: 'requester_dm',
  slaAlert: 'sla_alert',
  dmOffer: 'dm_offer',
} as const;
