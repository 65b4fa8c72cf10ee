// Table columns in the order generate.ts writes rows, and which of them hold dates.

export const REQUEST_COLUMNS = [
  'id',
  'ref',
  'team_id',
  'requester_id',
  'category',
  'location',
  'priority',
  'description',
  'needed_by_choice',
  'status',
  'source_platform',
  'source_entry',
  'filed_at',
  'acknowledged_at',
  'resolved_at',
  'cancelled_at',
  'ack_minutes',
  'resolve_minutes',
  'ack_within_sla',
  'resolve_within_sla',
  'needed_by_tighter',
];
export const REQUEST_DATE_COLUMNS = [12, 13, 14, 15];
export const PROMISE_COLUMNS = [
  'request_id',
  'team_id',
  'kind',
  'made_at',
  'due_at',
  'settled_at',
  'outcome',
  'slip_minutes',
];
export const PROMISE_DATE_COLUMNS = [3, 4, 5];
export const EVENT_COLUMNS = ['request_id', 'at', 'type', 'from_status', 'to_status', 'data'];
export const EVENT_DATE_COLUMNS = [1];
export const SURVEY_COLUMNS = [
  'id',
  'request_id',
  'round',
  'team_id',
  'requester_id',
  'dimension',
  'week',
  'status',
  'skip_reason',
  'scheduled_for',
  'sent_at',
  'answered_at',
  'score',
  'shortfall',
  'comment',
];
export const SURVEY_DATE_COLUMNS = [9, 10, 11];
