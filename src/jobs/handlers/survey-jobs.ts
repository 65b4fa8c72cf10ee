import type { Platform } from '../../domain/request.js';
import type { SurveyNotifier } from '../../ports.js';
import type { ServiceDeps } from '../../services/service-deps.js';
import { expireSurvey } from '../../services/survey/expire-survey.js';
import { loadSurveyView } from '../../services/survey/load-survey-view.js';
import { loadImportancePollView } from '../../services/survey/record-importance-vote.js';
import { markSurveyReminded, surveyToRemind } from '../../services/survey/remind-survey.js';
import { runImportancePoll } from '../../services/survey/run-importance-poll.js';
import { scheduleSurvey } from '../../services/survey/schedule-survey.js';
import { markSurveySent, prepareSurveySend } from '../../services/survey/send-survey.js';
import { PermanentJobError } from '../job-errors.js';
import { jobPayloads } from '../job-kinds.js';
import { defineJob, type JobHandler } from '../worker.js';

export type SurveyJobDeps = {
  deps: ServiceDeps;
  surveyNotifiers: Partial<Record<Platform, SurveyNotifier>>;
  /** Breaks ties between dimensions and draws the poll sample. */
  random: () => number;
};

function notifierFor(jobDeps: SurveyJobDeps, platform: Platform): SurveyNotifier {
  const notifier = jobDeps.surveyNotifiers[platform];
  // Not retryable: this deployment cannot reach the person there; an operator must act.
  if (!notifier) throw new PermanentJobError(`${platform} cannot deliver surveys in this deployment`);
  return notifier;
}

/** The jobs of the survey's life: plan, send, remind, redraw, alert, expire; and the importance poll. */
export function surveyJobHandlers(jobDeps: SurveyJobDeps): JobHandler[] {
  const { deps } = jobDeps;
  const view = (surveyId: string) => loadSurveyView(deps.store, deps.teams, surveyId, deps.clock.now());
  return [
    defineJob({
      kind: 'survey.plan',
      schema: jobPayloads['survey.plan'],
      run: async ({ requestId, round, resolvedAt }) => {
        await scheduleSurvey(deps, {
          requestId,
          round,
          resolvedAt: new Date(resolvedAt),
          random: jobDeps.random,
        });
      },
    }),
    defineJob({
      kind: 'survey.send',
      schema: jobPayloads['survey.send'],
      run: async ({ surveyId, resolvedAt }, delivery) => {
        const outcome = await prepareSurveySend(deps, { surveyId, resolvedAt: new Date(resolvedAt) });
        if (outcome.kind !== 'send') return;
        await notifierFor(jobDeps, outcome.view.requester.platform).sendSurvey(outcome.view, delivery);
        await markSurveySent(deps, surveyId);
      },
    }),
    defineJob({
      kind: 'survey.remind',
      schema: jobPayloads['survey.remind'],
      run: async ({ surveyId }, delivery) => {
        const due = await surveyToRemind(deps, surveyId);
        if (!due) return;
        await notifierFor(jobDeps, due.requester.platform).sendReminder(due, delivery);
        await markSurveyReminded(deps, surveyId);
      },
    }),
    defineJob({
      kind: 'survey.expire',
      schema: jobPayloads['survey.expire'],
      run: async ({ surveyId }) => {
        const closed = await expireSurvey(deps, surveyId);
        if (closed) await notifierFor(jobDeps, closed.requester.platform).updateSurvey(closed);
      },
    }),
    defineJob({
      kind: 'survey.update',
      schema: jobPayloads['survey.update'],
      run: async ({ surveyId }) => {
        const current = await view(surveyId);
        await notifierFor(jobDeps, current.requester.platform).updateSurvey(current);
      },
    }),
    defineJob({
      kind: 'survey.lead-alert',
      schema: jobPayloads['survey.lead-alert'],
      run: async ({ surveyId, platform, trigger }, delivery) => {
        await notifierFor(jobDeps, platform).alertLeads(await view(surveyId), trigger, delivery);
      },
    }),
    defineJob({
      kind: 'importance.poll',
      schema: jobPayloads['importance.poll'],
      run: async ({ teamId, poll }) => {
        await runImportancePoll(deps, { teamId, poll, random: jobDeps.random });
      },
    }),
    defineJob({
      kind: 'importance.ask',
      schema: jobPayloads['importance.ask'],
      run: async ({ teamId, poll, personId }, delivery) => {
        const pollView = await loadImportancePollView(deps.store, deps, { teamId, poll, personId });
        await notifierFor(jobDeps, pollView.recipient.platform).sendImportancePoll(pollView, delivery);
      },
    }),
    defineJob({
      kind: 'importance.update',
      schema: jobPayloads['importance.update'],
      run: async ({ teamId, poll, personId }) => {
        const pollView = await loadImportancePollView(deps.store, deps, { teamId, poll, personId });
        await notifierFor(jobDeps, pollView.recipient.platform).updateImportancePoll(pollView);
      },
    }),
  ];
}
