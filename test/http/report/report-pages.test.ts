import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DigestData } from '../../../src/domain/digest/digest-schema.js';
import { loadSavedDigest } from '../../../src/services/digest/saved-digest.js';
import {
  FORMULA_COMMENT,
  HOSTILE_COMMENT,
  HOSTILE_REASON,
  REPORT_NOW,
  REPORT_WEEK,
  seedReportWorld,
} from '../../report/report-world.js';
import { startTestApp, type TestApp } from '../../support/app-harness.js';
import { createTestDatabaseUrl, describeEachProvider } from '../../support/databases.js';

const ADMIN = 'admin-token-for-tests-0123456789abcdef';

describeEachProvider('the report’s pages on a seeded fortnight', (provider) => {
  let app: TestApp;
  let digest: DigestData;
  let drop: () => Promise<void>;
  const get = (path: string) =>
    fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${ADMIN}` }, redirect: 'manual' });
  const text = async (path: string) => {
    const response = await get(path);
    expect(response.status, path).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    const database = await createTestDatabaseUrl(provider);
    drop = database.drop;
    await seedReportWorld(database.url);
    app = await startTestApp({ databaseUrl: database.url, start: REPORT_NOW, adminToken: ADMIN });
    const saved = await loadSavedDigest(app.app.deps, 'facilities', REPORT_WEEK);
    if (!saved) throw new Error('the seed saved no digest');
    digest = saved;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('shows last week’s saved digest, its figures linked to their lists with the digest’s counts', async () => {
    const page = await text('/report/facilities');
    expect(page).toContain(`Week ${REPORT_WEEK}`);
    expect(page).toContain('data:image/svg+xml;base64,');
    const counts = Object.fromEntries(
      [...page.matchAll(/data-figure="([^"]+)" data-count="(\d+)"/g)].map((m) => [m[1], Number(m[2])]),
    );
    expect(counts).toMatchObject({
      filed: digest.volume.filed.current,
      resolved: digest.volume.resolved.current,
      backlog: digest.volume.openAtWeekEnd,
      'ack-outside-sla': digest.threeRs.response.acknowledgeMisses,
      answered: digest.honesty.answered,
      'surveys-sent': digest.honesty.sent,
    });
    expect(counts.filed).toBe(10);
    expect(counts['ack-outside-sla']).toBe(3);
    expect(counts.deferrals).toBe(1);
  });

  it('opens every counted figure of the week into a list of exactly that many requests, and the same as CSV', async () => {
    const page = await text('/report/facilities');
    const links = [...page.matchAll(/<a href="([^"]+)" data-figure="([^"]+)" data-count="(\d+)"/g)].map(
      (m) => ({
        href: (m[1] ?? '').replaceAll('&amp;', '&'),
        figure: m[2],
        count: Number(m[3]),
      }),
    );
    expect(links.length).toBeGreaterThan(20);
    for (const link of links) {
      const list = await text(link.href);
      const rows = list.split('<tbody>')[1]?.split('</tbody>')[0]?.match(/<tr>/g)?.length ?? 0;
      expect([link.figure, rows], link.href).toEqual([link.figure, link.count]);
      const csv = await (await get(link.href.replace('/requests?', '/requests.csv?'))).text();
      expect([link.figure, csv.trimEnd().split('\r\n').length - 1]).toEqual([link.figure, link.count]);
    }
  });

  it('writes a list’s CSV with a BOM, the survey answers, and a formula-like comment neutralised', async () => {
    const response = await get(`/report/facilities/requests.csv?week=${REPORT_WEEK}&figure=answered`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="facilities-${REPORT_WEEK}-answered.csv"`,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.startsWith('ref,category,location,priority,status,filed,')).toBe(true);
    expect(csv).toContain(`"'${FORMULA_COMMENT.replaceAll('"', '""')}"`);
    expect(csv).toContain(`"${HOSTILE_COMMENT.replaceAll('"', '""')}"`);
    expect(csv).toContain(',-2,Reliability: much worse than expected,');
  });

  it('exports one row per request filed in the period as CSV and JSON, days in the team’s timezone, both included', async () => {
    const response = await get('/report/facilities/export.csv?from=2026-11-16&to=2026-11-22');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="facilities-requests-2026-11-16-to-2026-11-22.csv"',
    );
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'ref,category,location,priority,status,filed_at,acknowledged_at,resolved_at,cancelled_at,assignee,needed_by_choice,needed_by,needed_sooner_than_sla,sla_ack_due_at,sla_resolve_due_at,ack_minutes,resolve_minutes,ack_within_sla,resolve_within_sla,reopen_count,promises_made,promises_kept,promises_broken,survey_status,survey_dimension,survey_score,survey_shortfall,survey_comment,survey_answered_at',
    );
    expect(lines).toHaveLength(11);
    expect(lines.filter((line) => line.includes(',2026-11-16 09:00,'))).toHaveLength(1);
    expect(lines.join('\n')).toContain(`"'${FORMULA_COMMENT.replaceAll('"', '""')}"`);
    const json = (await (
      await get('/report/facilities/export.json?from=2026-11-09&to=2026-11-22')
    ).json()) as {
      rows: { ref: string; filedAt: string; surveyComment: string | null }[];
    };
    expect(json.rows).toHaveLength(20);
    expect(json.rows.map((r) => r.surveyComment)).toContain(FORMULA_COMMENT);
    const none = await (await get('/report/facilities/export.csv?from=2026-10-01&to=2026-10-31')).text();
    expect(none.trimEnd().split('\r\n')).toHaveLength(1);
  });

  it('shows a request’s timeline with its description as text, and 404 for a ref of no request of the team', async () => {
    const list = await text(`/report/facilities/requests?week=${REPORT_WEEK}&figure=ack-outside-sla`);
    const ref = /href="\/report\/facilities\/requests\/([^"]+)"/.exec(list)?.[1] ?? '';
    const page = await text(`/report/facilities/requests/${ref}`);
    expect(page).toContain(
      'Heater &lt;script&gt;alert(&quot;description&quot;)&lt;/script&gt; &lt;!channel&gt; broken',
    );
    expect(page).not.toMatch(/<script|<!channel/);
    expect(page).toMatch(/taken by Alex/);
    expect(page).not.toMatch(/Requester \d/);
    expect((await get(`/report/it/requests/${ref}`)).status).toBe(404);
    const deferred = await text(`/report/facilities/requests?week=${REPORT_WEEK}&figure=deferrals`);
    const deferredRef = /href="\/report\/facilities\/requests\/([^"]+)"/.exec(deferred)?.[1] ?? '';
    const timeline = await text(`/report/facilities/requests/${deferredRef}`);
    expect(HOSTILE_REASON).toBe('Waiting for <b>parts</b> <!here>');
    expect(timeline).toContain('Waiting for &lt;b&gt;parts&lt;/b&gt; &lt;!here&gt;');
    expect(timeline).toMatch(/deferred by Alex/);
    expect((await get('/report/facilities/requests/FAC-99999')).status).toBe(404);
  });

  it('keeps a requester’s markup and mentions as text, and names no requester', async () => {
    const page = await text('/report/facilities');
    expect(digest.voice.map((v) => v.comment)).toContain(
      'Still cold <script>alert("comment")</script> <!channel> =1+1',
    );
    expect(page).toContain(
      'Still cold &lt;script&gt;alert(&quot;comment&quot;)&lt;/script&gt; &lt;!channel&gt;',
    );
    expect(page).not.toMatch(/<script|<!channel/);
    expect(page).not.toMatch(/Requester \d/);
  });

  it('opens an earlier week by ?week= and says when a week has no saved digest', async () => {
    expect(await text('/report/facilities?week=2026-W46')).toContain('Week 2026-W46');
    expect(await text('/report/facilities?week=2026-W40')).toContain('has not been built yet');
  });

  it('draws the history: a chart per figure family and a row per week, 12 weeks by default', async () => {
    const page = await text('/report/facilities/history');
    expect(page.match(/<img src="data:image\/svg\+xml;base64,/g)).toHaveLength(11);
    expect(page).toContain('2026-W46');
    expect(page).toContain(REPORT_WEEK);
    expect(page).toMatch(/class="button current" href="[^"]*weeks=12"/);
    expect(await text('/report/facilities/history?weeks=all')).toMatch(
      /class="button current" href="[^"]*weeks=all"/,
    );
  });

  it('answers a malformed query with 400 and says what is wrong', async () => {
    const history = await get('/report/facilities/history?weeks=13');
    expect(history.status).toBe(400);
    expect(await history.text()).toContain('weeks must be 12, 26, 52 or all');
    const week = await get('/report/facilities?week=2026-47');
    expect(week.status).toBe(400);
    expect(await week.text()).toContain('week must be an ISO week like 2026-W47');
    const list = await get('/report/facilities/requests?week=2026-W47&figure=everything');
    expect(list.status).toBe(400);
    expect(await list.text()).toContain('figure must be one of the report’s figures');
    const period = await get('/report/facilities/export.csv?from=2026-11-30&to=2026-11-01');
    expect(period.status).toBe(400);
    expect(await period.text()).toContain('from must not be after to');
    const day = await get('/report/facilities/export.csv?from=2026-02-30&to=2026-03-01');
    expect(day.status).toBe(400);
    expect(await day.text()).toContain('from is not a calendar date');
  });
});
