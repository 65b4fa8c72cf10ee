import type { DigestData } from './digest-schema.js';
import { hourRange, hours, WEEKDAY_LABELS } from './format.js';
import { dimensionOrGeneral, plural, R_LABELS, scoreWords, shareWithCi, TOO_FEW } from './render-common.js';

const blamed = (count: number | null, r: string) =>
  count === null ? `${r} named by: ${TOO_FEW}` : `${plural(count, 'answer')} below expectations named ${r}`;

export function threeRsSection(digest: DigestData): string {
  const { resources, response, respect } = digest.threeRs;
  const findings = (list: DigestData['threeRs']['resources']['findings']) =>
    list.length === 0 ? ['    - nothing significant'] : list.map((f) => `    - ${f.title}`);
  return [
    'THE THREE Rs — where the shortfalls came from',
    `  ${R_LABELS.resources}: ${blamed(resources.shortfallAnswers, 'resources')}; ${plural(resources.requestsWaitingOnResources, 'request')} waited ${hours(resources.waitingOnResourcesHours)} on resources; ${plural(resources.deferrals, 'deferral')}`,
    ...findings(resources.findings),
    `  ${R_LABELS.response}: ${blamed(response.shortfallAnswers, 'response')}; ${plural(response.acknowledgeMisses, 'acknowledgement')} and ${plural(response.resolveMisses, 'resolution')} outside SLA`,
    ...findings(response.findings),
    `  ${R_LABELS.respect}: ${blamed(respect.shortfallAnswers, 'respect')}; ${respect.negativeComments === null ? `negative comments: ${TOO_FEW}` : plural(respect.negativeComments, 'negative comment')}`,
    ...findings(respect.findings),
  ].join('\n');
}

export function demandSection(digest: DigestData): string {
  const { volume } = digest;
  const rows = (list: DigestData['volume']['byCategory']) =>
    list.length === 0
      ? 'none'
      : list.map((row) => `${row.key} ${row.filed} filed/${row.openAtEnd} open`).join(' · ');
  const busiest =
    volume.busiest.length === 0
      ? 'no requests filed'
      : volume.busiest
          .map((c) => `${WEEKDAY_LABELS[c.weekday]} ${hourRange(c.hour)} (${c.count})`)
          .join(', ');
  return [
    'VOLUME AND DEMAND',
    `  Filed ${volume.filed.current} (last week ${volume.filed.previous}) · Resolved ${volume.resolved.current} (last week ${volume.resolved.previous}) · Open at week end ${volume.openAtWeekEnd}`,
    `  Backlog at week end: ${volume.backlog.map((b) => `${b.week} ${b.open}`).join(' → ')}`,
    `  By category: ${rows(volume.byCategory)}`,
    `  By location: ${rows(volume.byLocation)}`,
    `  Busiest hours (${digest.team.timezone}): ${busiest}`,
    `  Arrivals by hour     ${hourRuler()}`,
    ...volume.arrivals.map((row, day) => `    ${WEEKDAY_LABELS[day]}                ${heatRow(row)}`),
  ].join('\n');
}

function hourRuler(): string {
  const ruler = Array.from({ length: 24 }, () => ' ');
  for (let hour = 0; hour < 24; hour += 3) {
    String(hour)
      .split('')
      .forEach((ch, i) => {
        ruler[hour + i] = ch;
      });
  }
  return ruler.join('').trimEnd();
}

/** One character per hour: blank for none, then ░ ▒ ▓ █ by share of the week's busiest hour. */
function heatRow(row: readonly number[]): string {
  return row
    .map((count) => shade(count))
    .join('')
    .replace(/\s+$/, '');
  function shade(count: number): string {
    if (count === 0) return '·';
    return count === 1 ? '░' : count <= 3 ? '▒' : count <= 9 ? '▓' : '█';
  }
}

export function voiceSection(digest: DigestData): string {
  if (digest.voice.length === 0) {
    return `VOICE OF THE REQUESTER\n  No comments to quote (none below expectations, or ${TOO_FEW} to quote without identifying anyone).`;
  }
  return [
    'VOICE OF THE REQUESTER (no names)',
    ...digest.voice.map(
      (v) => `  “${v.comment}” — ${dimensionOrGeneral(v.dimension)}, ${scoreWords(v.score)}`,
    ),
  ].join('\n');
}

export function honestySection(digest: DigestData): string {
  const { honesty } = digest;
  const skipped =
    honesty.skipped.length === 0
      ? 'none'
      : honesty.skipped.map((s) => `${s.reason.replaceAll('_', ' ')} ${s.count}`).join(', ');
  return [
    'HOW MUCH TO TRUST THIS',
    `  Response rate: ${shareWithCi(honesty.responseRate)} of surveys whose answer window closed (an answer or “not fixed”)`,
    `  Surveys sent ${honesty.sent}: ${honesty.answered} answered, ${honesty.notFixed} said “not fixed”, ${honesty.expired} expired unanswered, ${honesty.awaiting} still awaiting an answer`,
    `  Not sent (skipped): ${skipped}`,
  ].join('\n');
}
