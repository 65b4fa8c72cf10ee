/** Slack names for the survey's buttons, modal and stored messages (the action ids carry a suffix). */
export const SURVEY_ACTION = {
  /** `survey_score:<value>`, value = surveyId. */
  score: 'survey_score',
  notFixed: 'survey_not_fixed',
  /** `survey_shortfall:<shortfall>`, value = surveyId. */
  shortfall: 'survey_shortfall',
  addComment: 'survey_add_comment',
  /** `importance_vote:<dimension>`, value = `teamId|poll`. */
  vote: 'importance_vote',
} as const;

export const SURVEY_CALLBACK = { comment: 'survey_comment_submit' } as const;
export const SURVEY_BLOCK = { comment: 'survey_comment' } as const;

/** MessageRef purposes for what the survey jobs posted. */
export const SURVEY_REF = {
  survey: 'survey',
  reminder: 'survey_reminder',
  leadAlert: 'survey_alert',
  poll: 'importance_poll',
} as const;
