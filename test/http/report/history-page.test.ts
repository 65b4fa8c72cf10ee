import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TeamHistory } from '../../../src/domain/report/report-schema.js';
import { loadTeamHistory } from '../../../src/services/report/load-team-history.js';
import { HISTORY_NOW, seedHistory } from '../../services/report/history-seed.js';
import { startTestApp, type TestApp } from '../../support/app-harness.js';
import { describeEachProvider } from '../../support/databases.js';

const ADMIN = 'admin-token-for-tests-0123456789abcdef';

/** The cells of the week-by-week table's row for `week`, as text. */
function rowCells(page: string, week: string): string[] {
  const row = page.split('<tr>').find((tr) => tr.includes(`>${week}</a>`)) ?? '';
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, '').trim());
}

/** The SVG inside the history chart with this id. */
function chartSvg(page: string, id: string): string {
  const base64 = new RegExp(
    `<div id="${id}"><div class="chart"><img src="data:image/svg\\+xml;base64,([^"]+)"`,
  ).exec(page)?.[1];
  return Buffer.from(base64 ?? '', 'base64').toString('utf8');
}

describeEachProvider('the history page of a hand-computed history', (provider) => {
  let app: TestApp;
  let history: TeamHistory;
  let page: string;
  beforeAll(async () => {
    app = await startTestApp({ provider, start: HISTORY_NOW.toISOString(), adminToken: ADMIN });
    await seedHistory(app.app.database.db);
    history = await loadTeamHistory(app.app.deps, { teamId: 'facilities', weeks: 'all', now: HISTORY_NOW });
    const response = await fetch(`${app.baseUrl}/report/facilities/history?weeks=all`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(response.status).toBe(200);
    page = await response.text();
  });
  afterAll(async () => app?.close());

  it('shows a busy week’s known shares as count of total, each linked to its list', () => {
    // Week, answers, gap score, ack, resolve, promises, needed sooner, votes, filed, resolved, open.
    expect(rowCells(page, '2026-W45').slice(1)).toEqual([
      '6',
      expect.any(String),
      '100% · 6/6',
      '83% · 5/6',
      '83% · 5/6',
      '14% · 1/7',
      String(
        Object.values(history.weeks.find((w) => w.week === '2026-W45')?.importanceVotes ?? {}).reduce(
          (a, b) => a + b,
          0,
        ),
      ),
      '7',
      '6',
      '2',
    ]);
    expect(page).toContain(
      'href="/report/facilities/requests?week=2026-W45&amp;figure=resolve-within-sla">5</a>',
    );
    expect(page).toContain(
      'href="/report/facilities/requests?week=2026-W45&amp;figure=needed-by-stated">7</a>',
    );
  });

  it('shows a week of fewer than five as “too few”, and a quiet week as zeros', () => {
    const w46 = rowCells(page, '2026-W46');
    expect([w46[1], w46[2], w46[3], w46[6], w46[8], w46[10]]).toEqual([
      '0',
      'too few',
      'too few',
      'too few',
      '1',
      '3',
    ]);
    expect(rowCells(page, '2026-W44').slice(8)).toEqual(['0', '0', '2']);
  });

  it('draws a point only for the weeks that have a value, so the line has gaps where they have none', () => {
    const withValue = (pick: (w: TeamHistory['weeks'][number]) => unknown) =>
      history.weeks.filter((w) => pick(w) !== null).length;
    const points = (svg: string) => svg.split('aria-roledescription="point"').length - 1;
    expect(history.weeks.length).toBe(4);
    expect(points(chartSvg(page, 'sla'))).toBe(
      withValue((w) => w.ackWithinSla) + withValue((w) => w.resolveWithinSla),
    );
    expect(withValue((w) => w.ackWithinSla)).toBeLessThan(history.weeks.length);
    expect(points(chartSvg(page, 'volume'))).toBe(3 * history.weeks.length);
  });
});
