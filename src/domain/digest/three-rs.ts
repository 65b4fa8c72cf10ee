import type { Shortfall } from '../dimensions.js';
import { MIN_ANSWERS } from '../stats/summary.js';
import { PRIORITIES } from '../team.js';
import type { DigestInputs } from './digest-inputs.js';
import type { DigestData, Finding } from './digest-schema.js';

/**
 * Groups the findings by the three Rs and adds the evidence behind each: the 3R follow-up
 * answers (only when enough people answered below expectations), time waited on resources,
 * deferrals, SLA misses and negative comments.
 */
export function composeThreeRs(
  findings: readonly Finding[],
  inputs: DigestInputs,
  enoughNegatives: boolean,
): DigestData['threeRs'] {
  const survey = inputs.surveys.current;
  const blamed = (r: Shortfall) =>
    enoughNegatives
      ? survey.shortfalls.filter((row) => row.shortfall === r).reduce((t, row) => t + row.count, 0)
      : null;
  const mine = (r: Shortfall) => findings.filter((f) => f.r === r).sort((a, b) => b.severity - a.severity);
  const misses = (clock: 'acknowledge' | 'resolve') =>
    PRIORITIES.reduce((total, p) => {
      const share = inputs.sla.current[p][clock];
      return total + (share.n - share.successes);
    }, 0);
  return {
    resources: {
      shortfallAnswers: blamed('resources'),
      waitingOnResourcesHours: inputs.waitingOnResources.hours,
      requestsWaitingOnResources: inputs.waitingOnResources.requests,
      deferrals: inputs.deferrals,
      findings: mine('resources'),
    },
    response: {
      shortfallAnswers: blamed('response'),
      acknowledgeMisses: misses('acknowledge'),
      resolveMisses: misses('resolve'),
      findings: mine('response'),
    },
    respect: {
      shortfallAnswers: blamed('respect'),
      negativeComments: survey.answered >= MIN_ANSWERS ? survey.negativeComments : null,
      findings: mine('respect'),
    },
  };
}
