import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportLink, signReportToken } from '../../../src/services/report/report-link.js';
import { startTestApp, type TestApp } from '../../support/app-harness.js';

const SECRET = 'report-secret-for-tests-0123456789abcdef';
const ADMIN = 'admin-token-for-tests-0123456789abcdef';
const DAY = 86_400_000;

/** The cookie pairs of a response's Set-Cookie headers, ready to send back. */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

async function get(app: TestApp, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${app.baseUrl}${path}`, { redirect: 'manual', headers });
}

async function expectRefused(response: Response): Promise<void> {
  expect(response.status).toBe(403);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.getSetCookie()).toEqual([]);
  const body = await response.text();
  expect(body).toContain('does not open the report');
  // Nothing of the report: not even the team's name.
  expect(body).not.toMatch(/Facilities|IT Help Desk|History/);
}

describe('report access with a report secret and an admin token', () => {
  let app: TestApp;
  const link = (teamId: string, now = app.clock.now(), days = 30, secret = SECRET) =>
    new URL(reportLink({ baseUrl: app.baseUrl, secret, teamId, now, days }));
  const open = async (teamId: string) =>
    cookiesOf(await get(app, `${link(teamId).pathname}${link(teamId).search}`));

  beforeAll(async () => {
    app = await startTestApp({ reportSecret: SECRET, adminToken: ADMIN });
  });
  afterAll(async () => app.close());

  it('exchanges a signed link for an HttpOnly, Lax, /report-scoped session cookie and a redirect without the key', async () => {
    const url = link('facilities');
    const response = await get(app, `${url.pathname}${url.search}&week=2026-W46`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/report/facilities?week=2026-W46');
    const [cookie, ...others] = response.headers.getSetCookie();
    expect(others).toEqual([]);
    expect(cookie).toMatch(/^gapdesk_report_facilities=[\w-]+\.[\w-]+; /);
    expect(cookie).toContain('Path=/report');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    // It expires with the link (30 days), to the second.
    const expires = /Expires=([^;]+)/.exec(cookie ?? '')?.[1] ?? '';
    expect(new Date(expires).getTime()).toBe(
      Math.floor((app.clock.now().getTime() + 30 * DAY) / 1000) * 1000,
    );
    // The cookie is not the link's token: it is signed for a session, not usable as a ?key=.
    expect(cookie).not.toContain(url.searchParams.get('key'));
  });

  it('opens the team’s pages with the session cookie', async () => {
    const cookie = await open('facilities');
    const page = await get(app, '/report/facilities', { cookie });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('Facilities');
    expect((await get(app, '/report/facilities/export', { cookie })).status).toBe(200);
  });

  it('refuses a tampered link, a link whose team was swapped and a link signed with another secret', async () => {
    const url = link('facilities');
    const key = url.searchParams.get('key') ?? '';
    const flipped = `${key.slice(0, -2)}${key.at(-2) === 'A' ? 'B' : 'A'}${key.at(-1)}`;
    await expectRefused(await get(app, `/report/facilities?key=${flipped}`));
    const [, signature] = key.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ t: 'it', e: 4_000_000_000 })).toString('base64url');
    await expectRefused(await get(app, `/report/it?key=${otherPayload}.${signature}`));
    const foreign = link('facilities', app.clock.now(), 30, 'another-secret-0123456789abcdefghijkl');
    await expectRefused(await get(app, `${foreign.pathname}${foreign.search}`));
    await expectRefused(await get(app, '/report/facilities?key='));
    await expectRefused(await get(app, '/report/facilities?key=not-a-token'));
  });

  it('refuses an expired link', async () => {
    const url = link('facilities', new Date(app.clock.now().getTime() - 31 * DAY));
    await expectRefused(await get(app, `${url.pathname}${url.search}`));
  });

  it('refuses another team’s link on this team’s address', async () => {
    const token = signReportToken(SECRET, {
      teamId: 'it',
      expiresAt: new Date(app.clock.now().getTime() + DAY),
    });
    await expectRefused(await get(app, `/report/facilities?key=${token}`));
  });

  it('refuses every page without a session, and a cookie that is one team’s on another', async () => {
    for (const path of [
      '/report/facilities',
      '/report/facilities/history',
      '/report/facilities/requests?week=2026-W47&figure=filed',
      '/report/facilities/requests.csv?week=2026-W47&figure=filed',
      '/report/facilities/requests/FAC-1',
      '/report/facilities/export.csv?from=2026-11-01&to=2026-11-30',
      '/report/facilities/export.json?from=2026-11-01&to=2026-11-30',
    ]) {
      await expectRefused(await get(app, path));
    }
    const facilities = await open('facilities');
    await expectRefused(await get(app, '/report/it', { cookie: facilities.replace('facilities=', 'it=') }));
    await expectRefused(await get(app, '/report/it', { cookie: facilities }));
  });

  it('refuses the link’s token presented as a cookie, and a session past the link’s expiry', async () => {
    const key = link('facilities').searchParams.get('key') ?? '';
    await expectRefused(await get(app, '/report/facilities', { cookie: `gapdesk_report_facilities=${key}` }));
    const cookie = cookiesOf(
      await get(
        app,
        `/report/facilities?key=${link('facilities', app.clock.now(), 1).searchParams.get('key')}`,
      ),
    );
    expect((await get(app, '/report/facilities', { cookie })).status).toBe(200);
    app.clock.advance(DAY + 1000);
    try {
      await expectRefused(await get(app, '/report/facilities', { cookie }));
    } finally {
      app.clock.advance(-(DAY + 1000));
    }
  });

  it('refuses an unknown team whatever the credentials', async () => {
    const token = signReportToken(SECRET, {
      teamId: 'nope',
      expiresAt: new Date(app.clock.now().getTime() + DAY),
    });
    await expectRefused(await get(app, `/report/nope?key=${token}`));
    await expectRefused(await get(app, '/report/nope', { authorization: `Bearer ${ADMIN}` }));
  });

  it('opens any team with Authorization: Bearer <admin token>, and refuses a wrong one', async () => {
    for (const team of ['facilities', 'it']) {
      expect((await get(app, `/report/${team}`, { authorization: `Bearer ${ADMIN}` })).status).toBe(200);
    }
    await expectRefused(await get(app, '/report/facilities', { authorization: `Bearer ${ADMIN}x` }));
    await expectRefused(await get(app, '/report/facilities', { authorization: `Bearer ${SECRET}` }));
  });

  it('exchanges ?admin=<token> for an admin cookie that opens every team; a wrong one is refused', async () => {
    const response = await get(app, `/report/it/history?admin=${ADMIN}`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/report/it/history');
    const cookie = cookiesOf(response);
    expect(response.headers.getSetCookie()[0]).toMatch(/^gapdesk_report_admin=.*HttpOnly; SameSite=Lax/);
    for (const team of ['facilities', 'it']) {
      expect((await get(app, `/report/${team}`, { cookie })).status).toBe(200);
    }
    await expectRefused(await get(app, `/report/it?admin=${ADMIN.slice(1)}`));
    await expectRefused(await get(app, '/report/it', { cookie: cookie.replace(/.$/, '_') }));
  });
});

describe('report access without a report secret', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ adminToken: ADMIN });
  });
  afterAll(async () => app.close());

  it('no link opens the report, the admin token still does', async () => {
    const url = new URL(
      reportLink({
        baseUrl: app.baseUrl,
        secret: SECRET,
        teamId: 'facilities',
        now: app.clock.now(),
        days: 30,
      }),
    );
    await expectRefused(await get(app, `${url.pathname}${url.search}`));
    expect((await get(app, '/report/facilities', { authorization: `Bearer ${ADMIN}` })).status).toBe(200);
  });
});

describe('report access behind https', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ reportSecret: SECRET, publicUrl: 'https://gapdesk.example.com' });
  });
  afterAll(async () => app.close());

  it('marks the session cookie Secure', async () => {
    const url = new URL(
      reportLink({
        baseUrl: app.baseUrl,
        secret: SECRET,
        teamId: 'facilities',
        now: app.clock.now(),
        days: 30,
      }),
    );
    const response = await get(app, `${url.pathname}${url.search}`);
    expect(response.status).toBe(303);
    expect(response.headers.getSetCookie()[0]).toMatch(/; Secure$/);
  });
});
