import { describe, expect, it } from 'vitest';
import { historySpan } from '../../../src/domain/report/history-weeks.js';

describe('the weeks a history covers', () => {
  it('runs from the first request’s local week to the last complete week, across an ISO week-year', () => {
    // 2026 has 53 ISO weeks; 2027-W01 starts on Monday 4 January.
    const span = historySpan(
      new Date('2026-12-20T12:00:00Z'),
      new Date('2027-01-13T09:00:00Z'),
      'UTC',
      'all',
    );
    expect(span.weeks).toEqual(['2026-W51', '2026-W52', '2026-W53', '2027-W01']);
    expect(span.starts.map((d) => d.toISOString())).toEqual([
      '2026-12-14T00:00:00.000Z',
      '2026-12-21T00:00:00.000Z',
      '2026-12-28T00:00:00.000Z',
      '2027-01-04T00:00:00.000Z',
      '2027-01-11T00:00:00.000Z',
    ]);
  });

  it('puts week boundaries at local midnight, through a change of clocks', () => {
    // Sunday 23:30 UTC on 18 October is Monday 00:30 in London (BST): week 43 there.
    const span = historySpan(
      new Date('2026-10-18T23:30:00Z'),
      new Date('2026-11-03T09:00:00Z'),
      'Europe/London',
      'all',
    );
    expect(span.weeks).toEqual(['2026-W43', '2026-W44']);
    expect(span.starts.map((d) => d.toISOString())).toEqual([
      '2026-10-18T23:00:00.000Z',
      '2026-10-26T00:00:00.000Z',
      '2026-11-02T00:00:00.000Z',
    ]);
  });

  it('keeps only the last weeks asked for, and never starts before the first request', () => {
    const first = new Date('2026-10-05T10:00:00Z');
    const now = new Date('2026-11-16T09:00:00Z');
    expect(historySpan(first, now, 'UTC', 2).weeks).toEqual(['2026-W45', '2026-W46']);
    expect(historySpan(first, now, 'UTC', 2).starts).toHaveLength(3);
    expect(historySpan(first, now, 'UTC', 52).weeks).toHaveLength(6);
  });

  it('is empty without requests, before a complete week, or when no weeks are asked for', () => {
    const now = new Date('2026-11-16T09:00:00Z');
    expect(historySpan(null, now, 'UTC', 'all').weeks).toEqual([]);
    expect(historySpan(new Date('2026-11-16T08:00:00Z'), now, 'UTC', 'all').weeks).toEqual([]);
    expect(historySpan(new Date('2026-10-05T10:00:00Z'), now, 'UTC', 0)).toEqual({ weeks: [], starts: [] });
  });
});
