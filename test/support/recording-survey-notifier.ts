import type { Platform } from '../../src/domain/request.js';
import type { ImportancePollView, LeadAlertTrigger, SurveyView } from '../../src/domain/survey-view.js';
import type { SurveyNotifier } from '../../src/ports.js';

export type SurveyDelivery =
  | { kind: 'survey' | 'survey-update' | 'reminder'; platform: Platform; view: SurveyView }
  | { kind: 'lead-alert'; platform: Platform; view: SurveyView; trigger: LeadAlertTrigger }
  | { kind: 'poll' | 'poll-update'; platform: Platform; poll: ImportancePollView };

/** Records what the survey jobs asked a platform to say; the adapter suites use the fake servers. */
export class RecordingSurveyNotifier implements SurveyNotifier {
  constructor(
    readonly platform: Platform,
    private readonly log: SurveyDelivery[],
  ) {}
  async sendSurvey(view: SurveyView): Promise<void> {
    this.log.push({ kind: 'survey', platform: this.platform, view });
  }
  async updateSurvey(view: SurveyView): Promise<void> {
    this.log.push({ kind: 'survey-update', platform: this.platform, view });
  }
  async sendReminder(view: SurveyView): Promise<void> {
    this.log.push({ kind: 'reminder', platform: this.platform, view });
  }
  async alertLeads(view: SurveyView, trigger: LeadAlertTrigger): Promise<void> {
    this.log.push({ kind: 'lead-alert', platform: this.platform, view, trigger });
  }
  async sendImportancePoll(poll: ImportancePollView): Promise<void> {
    this.log.push({ kind: 'poll', platform: this.platform, poll });
  }
  async updateImportancePoll(poll: ImportancePollView): Promise<void> {
    this.log.push({ kind: 'poll-update', platform: this.platform, poll });
  }
}
