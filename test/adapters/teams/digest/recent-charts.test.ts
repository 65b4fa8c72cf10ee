import { expect, it } from 'vitest';
import { RecentCharts } from '../../../../adapters/teams/digest/recent-charts.js';

function counter() {
  const drawn: string[] = [];
  const draw = (key: string) => async () => {
    drawn.push(key);
    return Buffer.from(`png of ${key}`);
  };
  return { drawn, draw };
}

it('many viewers fetching one chart at once have it drawn once', async () => {
  const charts = new RecentCharts();
  const { drawn, draw } = counter();
  const pngs = await Promise.all(
    Array.from({ length: 20 }, () => charts.get('fac:2026-W48', draw('fac:2026-W48'))),
  );
  expect(drawn).toEqual(['fac:2026-W48']);
  expect(new Set(pngs.map(String))).toEqual(new Set(['png of fac:2026-W48']));
});

it('a failed drawing is not kept: the next fetch draws again', async () => {
  const charts = new RecentCharts();
  await expect(charts.get('fac:2026-W48', async () => Promise.reject(new Error('no font')))).rejects.toThrow(
    'no font',
  );
  const { drawn, draw } = counter();
  expect(String(await charts.get('fac:2026-W48', draw('fac:2026-W48')))).toBe('png of fac:2026-W48');
  expect(drawn).toEqual(['fac:2026-W48']);
});

it('keeps the most recently fetched charts and lets the oldest go', async () => {
  const charts = new RecentCharts(2);
  const { drawn, draw } = counter();
  await charts.get('a', draw('a'));
  await charts.get('b', draw('b'));
  await charts.get('a', draw('a'));
  await charts.get('c', draw('c'));
  await charts.get('a', draw('a'));
  await charts.get('b', draw('b'));
  expect(drawn).toEqual(['a', 'b', 'c', 'b']);
});
