import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { renderGapChartPng } from '../../../src/charts/render-chart.js';
import type { Logger } from '../../../src/logger.js';
import type { MessageRefStore } from '../../../src/ports.js';
import { loadSavedDigest } from '../../../src/services/digest/saved-digest.js';
import type { ServiceDeps } from '../../../src/services/service-deps.js';
import { RecentCharts } from './recent-charts.js';

class DigestNotSaved extends Error {}

/** Where the digest chart is served, for Teams to fetch into the card. */
export const CHART_ROUTE = '/digest/chart/:team/:week/:file';

const refKey = (teamId: string, week: string) => ({
  purpose: 'digest_chart_link',
  subjectId: `${teamId}:${week}`,
  platform: 'teams' as const,
});

/**
 * The chart's public URL for a team-week: `<publicUrl>/digest/chart/<team>/<week>/<token>.png`.
 * The token is random (128 bits) and kept in message_refs, so only someone shown the card can
 * fetch the chart; it shows aggregate scores only, never names or comments.
 */
export async function chartUrl(
  refs: MessageRefStore,
  publicUrl: string,
  teamId: string,
  week: string,
): Promise<string> {
  const key = refKey(teamId, week);
  let token = (await refs.find(key))?.messageId;
  if (!token) {
    token = randomBytes(16).toString('hex');
    await refs.save({ ...key, channel: '', messageId: token });
    // Another replica may have saved first: use whichever token won.
    token = (await refs.find(key))?.messageId ?? token;
  }
  return `${publicUrl.replace(/\/$/, '')}/digest/chart/${encodeURIComponent(teamId)}/${encodeURIComponent(week)}/${token}.png`;
}

/** GET handler: renders the saved digest's chart when the token matches, else 404. */
export function chartRoute(deps: {
  services: Pick<ServiceDeps, 'store'>;
  refs: MessageRefStore;
  logger: Logger;
}) {
  const recent = new RecentCharts();
  return async (req: Request, res: Response): Promise<void> => {
    const { team, week, file } = req.params as { team: string; week: string; file: string };
    const token = /^([0-9a-f]{32})\.png$/.exec(file)?.[1];
    const stored = token ? (await deps.refs.find(refKey(team, week)))?.messageId : undefined;
    if (
      !token ||
      !stored ||
      stored.length !== token.length ||
      !timingSafeEqual(Buffer.from(token), Buffer.from(stored))
    ) {
      res.status(404).type('text/plain').send('not found');
      return;
    }
    try {
      const png = await recent.get(`${team}:${week}`, async () => {
        const digest = await loadSavedDigest(deps.services, team, week);
        if (!digest) throw new DigestNotSaved();
        return renderGapChartPng(digest);
      });
      res
        .status(200)
        .set({ 'content-type': 'image/png', 'cache-control': 'public, max-age=604800, immutable' })
        .send(png);
    } catch (error) {
      if (error instanceof DigestNotSaved) {
        res.status(404).type('text/plain').send('not found');
        return;
      }
      deps.logger.error({ err: error, team, week }, 'rendering the digest chart failed');
      res.status(500).type('text/plain').send('chart unavailable');
    }
  };
}
