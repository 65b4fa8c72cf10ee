import type { DigestData, ShareFigure, TrackedShare } from '../../../domain/digest/digest-schema.js';
import { dimensionLabel } from '../../../domain/digest/format.js';
import {
  changeText,
  dimensionOrGeneral,
  meanWithCi,
  overallLine,
  periodText,
  R_LABELS,
  scoreWords,
  shareText,
  shareWithCi,
  TOO_FEW,
  weightsSourceText,
} from '../../../domain/digest/render-common.js';
import type { FigureKey } from '../../../domain/report/report-schema.js';
import { type Html, html, reportHref } from '../html.js';
import { chartImage } from './chart-image.js';
import { figureCard, figureLink } from './figure-link.js';
import { layout } from './layout.js';

/** The 3R count the digest shows, or its "too few" (fewer than 5 negative answers). */
const blamedText = (count: number | null) => (count === null ? TOO_FEW : String(count));

const successes = (share: ShareFigure) => (share.kind === 'value' ? Math.round(share.share * share.n) : null);

/**
 * The saved digest as a page: the same figures (it reads DigestData, it computes nothing new),
 * each count linked to the requests behind it.
 */
export function weekPage(digest: DigestData, chartSvg: string): string {
  const team = digest.team.id;
  const link = (figure: FigureKey, count: number | null) => figureLink(team, digest.week, figure, count);
  const { volume, gap2, gap3, gap4, gap5, threeRs, honesty } = digest;

  const shareCard = (
    label: string,
    tracked: TrackedShare,
    measured: FigureKey,
    good: FigureKey,
    bad: Html | null,
  ) =>
    figureCard(
      label,
      shareText(tracked.current),
      html`${shareWithCi(tracked.current)}`,
      html`<span class="muted">last week ${shareText(tracked.previous)}; ${changeText(tracked.change, 'share')}</span>`,
      link(measured, tracked.current.n),
      link(good, successes(tracked.current)),
      ...(bad ? [bad] : []),
    );

  const body = html`
<section>
  <h2>${digest.week} · ${periodText(digest)}</h2>
  <p><strong>${overallLine(digest)}</strong></p>
  <p class="muted">${weightsSourceText(gap5.weightsSource)}</p>
  ${
    digest.headlines.length > 0
      ? html`<ul>${digest.headlines.map((f) => html`<li><strong>${f.title}</strong> — ${f.detail}</li>`)}</ul>`
      : html`<p>Nothing stands out this week.</p>`
  }
  <div class="actions">
    <a class="button" href="${reportHref(team, '', { week: digest.previousWeek })}">← ${digest.previousWeek}</a>
    <a class="button" href="${reportHref(team, '/history')}">History and trends</a>
  </div>
</section>
<section>
  <h2>Compared with what requesters expected (gap 5)</h2>
  ${chartImage(chartSvg, `Mean gap per dimension for ${digest.week} with 95% confidence intervals`)}
  <div class="figures">
    ${gap5.dimensions.map(({ dimension, score }) =>
      figureCard(
        dimensionLabel(dimension),
        meanWithCi(score.current),
        html`<span class="muted">last week ${meanWithCi(score.previous)}; ${changeText(score.change, 'points')}</span>`,
        link(`answered:${dimension}`, score.current.n),
        link(`worse-than-expected:${dimension}`, null),
      ),
    )}
  </div>
</section>
<section>
  <h2>Volume and backlog</h2>
  <div class="figures">
    ${figureCard('Filed', String(volume.filed.current), html`<span class="muted">last week ${volume.filed.previous}</span>`, link('filed', volume.filed.current))}
    ${figureCard('Resolved', String(volume.resolved.current), html`<span class="muted">last week ${volume.resolved.previous}</span>`, link('resolved', volume.resolved.current))}
    ${figureCard('Open at week end', String(volume.openAtWeekEnd), html`<span class="muted">${volume.backlog.map((b) => `${b.week} ${b.open}`).join(' → ')}</span>`, link('backlog', volume.openAtWeekEnd))}
  </div>
</section>
<section>
  <h2>SLA, needed-by and promises (gaps 3, 2 and 4)</h2>
  <div class="figures">
    ${shareCard('Acknowledged within SLA', gap3.acknowledgedWithinSla, 'ack-measured', 'ack-within-sla', link('ack-outside-sla', threeRs.response.acknowledgeMisses))}
    ${shareCard('Resolved within SLA', gap3.resolvedWithinSla, 'resolve-measured', 'resolve-within-sla', link('resolve-outside-sla', threeRs.response.resolveMisses))}
    ${shareCard('Needed sooner than the SLA', gap2.neededByTighter, 'needed-by-stated', 'needed-sooner-than-sla', null)}
    ${shareCard('Promises kept', gap4.kept, 'promises-settled', 'promises-kept', link('promises-broken', gap4.slipHours.current.n))}
  </div>
</section>
<section>
  <h2>The three Rs</h2>
  <div class="figures">
    ${figureCard(
      `${R_LABELS.resources}: answers below expectations that named it`,
      blamedText(threeRs.resources.shortfallAnswers),
      link('shortfall:resources', threeRs.resources.shortfallAnswers),
      link('waiting-on-resources', threeRs.resources.requestsWaitingOnResources),
      link('deferrals', threeRs.resources.deferrals),
      html`<span class="muted">${threeRs.resources.waitingOnResourcesHours.toFixed(1)} h waiting on resources</span>`,
    )}
    ${figureCard(
      `${R_LABELS.response}: answers below expectations that named it`,
      blamedText(threeRs.response.shortfallAnswers),
      link('shortfall:response', threeRs.response.shortfallAnswers),
      link('ack-outside-sla', threeRs.response.acknowledgeMisses),
      link('resolve-outside-sla', threeRs.response.resolveMisses),
    )}
    ${figureCard(
      `${R_LABELS.respect}: answers below expectations that named it`,
      blamedText(threeRs.respect.shortfallAnswers),
      link('shortfall:respect', threeRs.respect.shortfallAnswers),
      link('negative-comments', threeRs.respect.negativeComments),
    )}
  </div>
  ${[threeRs.resources, threeRs.response, threeRs.respect].flatMap((r) => r.findings).map((f) => html`<p>${f.title} — ${f.detail}</p>`)}
</section>
<section>
  <h2>Voice of the requester</h2>
  ${
    digest.voice.length === 0
      ? html`<p class="muted">No comments to quote.</p>`
      : digest.voice.map(
          (v) =>
            html`<blockquote>“${v.comment}” <span class="muted">— ${dimensionOrGeneral(v.dimension)}, ${scoreWords(v.score)}</span></blockquote>`,
        )
  }
</section>
<section>
  <h2>How much to trust this</h2>
  <p>Response rate: ${shareWithCi(honesty.responseRate)}</p>
  <ul>
    <li>${link('surveys-sent', honesty.sent)}</li>
    <li>${link('answered', honesty.answered)}</li>
    <li>${link('not-fixed', honesty.notFixed)}</li>
    <li>${link('expired', honesty.expired)}</li>
    <li>${link('awaiting', honesty.awaiting)}</li>
    <li>${link('worse-than-expected', null)}</li>
  </ul>
  ${digest.footnotes.map((note) => html`<p class="muted">${note}</p>`)}
</section>`;
  return layout({ teamId: team, teamName: digest.team.name, title: `Week ${digest.week}`, body });
}

/** The week's digest is not saved yet (it is built and saved when it is posted). */
export function weekMissingPage(
  teamId: string,
  teamName: string,
  week: string,
  previousWeek: string,
): string {
  const body = html`<section><h2>${week}</h2>
  <p>The digest for ${week} has not been built yet: it is saved when it is posted.</p>
  <div class="actions">
    <a class="button" href="${reportHref(teamId, '', { week: previousWeek })}">← ${previousWeek}</a>
    <a class="button" href="${reportHref(teamId, '/history')}">History and trends</a>
  </div></section>`;
  return layout({ teamId, teamName, title: `Week ${week}`, body });
}
