/** Action.Execute verbs of survey and poll cards: the contract between the cards and the handler. */
export const SURVEY_VERB = {
  score: 'surveyScore',
  notFixed: 'surveyNotFixed',
  shortfall: 'surveyShortfall',
  comment: 'surveyComment',
  /** Universal Actions refresh: Teams asks for the current card when the requester opens the chat. */
  refresh: 'surveyRefresh',
  vote: 'importanceVote',
} as const;

export const SURVEY_VERBS: readonly string[] = Object.values(SURVEY_VERB);

/** MessageRef purposes of what the survey jobs posted in Teams. */
export const SURVEY_PURPOSE = {
  survey: 'survey',
  reminder: 'survey_reminder',
  leadAlert: 'survey_alert',
  poll: 'importance_poll',
} as const;
