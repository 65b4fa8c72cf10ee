import type { Actor } from '../../domain/request.js';
import type { Survey } from '../../domain/survey.js';
import type { LeadAlertTrigger } from '../../domain/survey-view.js';
import { triagePlatforms } from '../../domain/team-access.js';
import { AppError } from '../../errors.js';
import type { Store } from '../../store/database.js';
import { findIdempotentResult, recordIdempotentResult } from '../../store/idempotency.js';
import { findPlatformPerson } from '../../store/people.js';
import { findSurvey, insertSurveyAnswer } from '../../store/surveys.js';
import { enqueueJob } from '../request-effects.js';
import type { ServiceDeps } from '../service-deps.js';

/** What a tap may do to a survey: the statuses it must be in. */
export type AnswerKind = 'score' | 'shortfall' | 'comment' | 'not_fixed';

const ALLOWED: Record<AnswerKind, readonly string[]> = {
  score: ['sent', 'answered'],
  shortfall: ['answered'],
  comment: ['answered', 'not_fixed'],
  not_fixed: ['sent', 'answered', 'not_fixed'],
};

/**
 * The survey a tap is about, if this person may tap it now: only the requester, only while it
 * is open. Strangers are refused without learning anything about the request.
 */
export async function answerableSurvey(
  tx: Store,
  input: { surveyId: string; actor: Actor; kind: AnswerKind; now: Date },
): Promise<Survey> {
  const survey = await findSurvey(tx, input.surveyId);
  if (!survey)
    throw new AppError('not_found', `survey ${input.surveyId} not found`, 'That survey no longer exists.');
  const person = await findPlatformPerson(tx, input.actor.platform, input.actor.userId);
  if (!person || person.id !== survey.requesterId) {
    throw new AppError(
      'not_authorized',
      `${input.actor.userId} is not the requester of survey ${survey.id}`,
      'Only the person who filed this request can answer this survey.',
    );
  }
  const expired = survey.expiresAt !== null && survey.expiresAt.getTime() <= input.now.getTime();
  if (expired || survey.status === 'expired') {
    throw new AppError(
      'survey_closed',
      `survey ${survey.id} has expired`,
      'This survey has closed. Thanks anyway.',
    );
  }
  if (survey.status === 'not_fixed' && input.kind === 'score') {
    throw new AppError(
      'survey_closed',
      `survey ${survey.id} was answered "not fixed"`,
      'You told us it is not fixed, so the request was reopened. You will get a new survey when it is resolved.',
    );
  }
  if (!ALLOWED[input.kind].includes(survey.status)) {
    throw new AppError(
      'invalid_input',
      `a ${input.kind} does not apply to survey ${survey.id} in status ${survey.status}`,
      'That answer does not apply to this survey.',
    );
  }
  return survey;
}

/**
 * True the first time a platform click is seen. Platforms retry deliveries and people
 * double-click; the click id (Slack action_ts, Teams activity id) makes the second a no-op.
 */
export async function firstSightOfClick(
  tx: Store,
  surveyId: string,
  clickId: string | undefined,
  now: Date,
): Promise<boolean> {
  if (!clickId) return true;
  const key = `survey.click:${surveyId}:${clickId}`;
  if ((await findIdempotentResult(tx, key)) !== null) return false;
  await recordIdempotentResult(tx, key, 'recorded', now);
  return true;
}

/** Keeps the tap in the survey's history; returns its id, which keys the jobs it causes. */
export async function keepTap(
  tx: Store,
  surveyId: string,
  kind: AnswerKind,
  value: string,
  now: Date,
): Promise<number> {
  return insertSurveyAnswer(tx, { surveyId, kind, value, at: now });
}

/** Redraws the requester's survey message in place, in tap order. */
export async function enqueueSurveyUpdate(
  deps: ServiceDeps,
  tx: Store,
  surveyId: string,
  tapId: number,
): Promise<void> {
  await enqueueJob(
    deps,
    tx,
    'survey.update',
    { surveyId },
    { idempotencyKey: `survey.update:${surveyId}:${tapId}`, orderingKey: `survey:${surveyId}` },
  );
}

/** Tells the team leads now, in the triage thread of every connected platform, not next week. */
export async function enqueueLeadAlerts(
  deps: ServiceDeps,
  tx: Store,
  survey: { id: string; teamId: string },
  trigger: LeadAlertTrigger,
  tapId: number,
): Promise<void> {
  const team = deps.teams.get(survey.teamId);
  for (const platform of triagePlatforms(team).filter((p) => deps.platforms.includes(p))) {
    await enqueueJob(
      deps,
      tx,
      'survey.lead-alert',
      { surveyId: survey.id, platform, trigger },
      {
        idempotencyKey: `survey.lead-alert:${survey.id}:${platform}:${tapId}`,
        orderingKey: `survey:${survey.id}:alert:${platform}`,
      },
    );
  }
}
