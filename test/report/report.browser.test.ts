import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportLink } from '../../src/services/report/report-link.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { createTestDatabaseUrl } from '../support/databases.js';
import { REPORT_NOW, REPORT_WEEK, seedReportWorld } from './report-world.js';

/** Debian's chromium (.ci/run installs it); nothing here downloads a browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SECRET = 'report-secret-for-tests-0123456789abcdef';
const OUT = join(process.cwd(), 'test-output', 'report');
const WIDTHS = [390, 1280] as const;

const suite = existsSync(CHROMIUM) ? describe : describe.skip;
const name = existsSync(CHROMIUM)
  ? 'the report in a real browser'
  : `the report in a real browser (skipped: no chromium at ${CHROMIUM}; apt-get install chromium)`;

suite(name, () => {
  let app: TestApp;
  let browser: Browser;
  let drop: () => Promise<void>;
  const signedLink = () =>
    reportLink({
      baseUrl: app.baseUrl,
      secret: SECRET,
      teamId: 'facilities',
      now: app.clock.now(),
      days: 30,
    });

  /** Both widths, full page; and at 390 px nothing may be wider than the screen. */
  async function screenshots(page: Page, label: string): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(OUT, `${label}-${width}.png`), fullPage: true });
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow, `${label} is wider than ${width} px`).toBeLessThanOrEqual(0);
      // A list becomes cards on a phone: nothing in it scrolls sideways or is cut off.
      const hidden = await page.evaluate<number>(
        "Math.max(0, ...[...document.querySelectorAll('table.cards')].map((t) => t.parentElement.scrollWidth - t.parentElement.clientWidth))",
      );
      if (width === 390) expect(hidden, `${label}: a list is cut off at 390 px`).toBe(0);
    }
  }

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const database = await createTestDatabaseUrl('sqlite');
    drop = database.drop;
    await seedReportWorld(database.url);
    app = await startTestApp({ databaseUrl: database.url, start: REPORT_NOW, reportSecret: SECRET });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Root in a container has no user namespace for chromium's sandbox.
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await drop?.();
  });

  it('opens a signed link, shows the week, follows a figure to its requests and a request to its timeline, downloads the CSV', async () => {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const response = await page.goto(signedLink());
    expect(response?.status()).toBe(200);
    // The key is exchanged for a cookie: the address bar shows the clean URL.
    expect(page.url()).toBe(`${app.baseUrl}/report/facilities`);
    await expect.poll(() => page.locator('h1').textContent()).toContain(`Week ${REPORT_WEEK}`);
    expect(await page.locator('img[alt^="Mean gap per dimension"]').count()).toBe(1);
    expect(await page.evaluate<number>("document.querySelector('main img').naturalWidth")).toBeGreaterThan(0);
    await screenshots(page, 'week');

    const figure = page.locator('a[data-figure="ack-outside-sla"]').first();
    const count = Number(await figure.getAttribute('data-count'));
    expect(count).toBe(3);
    await figure.click();
    await page.waitForURL(/\/requests\?/);
    expect(await page.locator('[data-testid="row-count"]').textContent()).toBe(String(count));
    expect(await page.locator('tbody tr').count()).toBe(count);
    await screenshots(page, 'requests');

    const download = page.waitForEvent('download');
    await page.locator('a', { hasText: 'CSV' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^ref,category,location,priority,status,filed,acknowledged,resolved,/);
    expect(lines).toHaveLength(count + 1);
    const refs = await page.locator('tbody tr td:first-child').allTextContents();
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(refs);

    await page.locator('tbody tr td:first-child a').first().click();
    await page.waitForURL(/\/requests\/FAC-/);
    expect(await page.locator('h1').textContent()).toContain(refs[0]);
    const events = await page.locator('ol.timeline li').allTextContents();
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.join('\n')).toMatch(/by Alex/);
    // Markup a requester typed stays text: no script element came from it.
    expect(await page.locator('main script').count()).toBe(0);
    await screenshots(page, 'timeline');

    await page.goto(`${app.baseUrl}/report/facilities/history?weeks=all`);
    expect(await page.locator('.charts img').count()).toBe(11);
    await screenshots(page, 'history');
    await context.close();
  });

  it('gets 403 and sees nothing of the report with a tampered link', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const link = signedLink();
    const tampered = `${link.slice(0, -3)}${link.at(-3) === 'x' ? 'y' : 'x'}${link.slice(-2)}`;
    const response = await page.goto(tampered);
    expect(response?.status()).toBe(403);
    const text = await page.locator('body').textContent();
    expect(text).toContain('does not open the report');
    expect(text).not.toContain('Facilities');
    expect(await context.cookies()).toEqual([]);
    await page.screenshot({ path: join(OUT, 'forbidden-390.png') });
    await context.close();
  });
});
