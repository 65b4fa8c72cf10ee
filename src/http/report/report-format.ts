import { DateTime } from 'luxon';
import { dimensionLabel } from '../../domain/digest/format.js';
import { scoreWords } from '../../domain/digest/render-common.js';
import type { SurveyAnswer } from '../../domain/report/report-schema.js';

/** "2026-11-16 09:15" in the team's timezone: what a leader reads on the page and in a spreadsheet. */
export function localTime(at: Date | null, timezone: string): string {
  return at ? DateTime.fromJSDate(at, { zone: timezone }).toFormat('yyyy-LL-dd HH:mm') : '';
}

/** "Reliability: worse than expected", "said it was not fixed", "expired", or '' without a survey. */
export function surveyText(survey: SurveyAnswer | null): string {
  if (!survey) return '';
  const about = survey.dimension ? `${dimensionLabel(survey.dimension)}: ` : '';
  if (survey.status === 'answered' || survey.status === 'not_fixed')
    return `${about}${scoreWords(survey.score)}`;
  return `${about}${survey.status.replaceAll('_', ' ')}`;
}

export const humanise = (value: string) => value.replaceAll('_', ' ');
