import { describe, expect, it } from 'vitest';
import { reportLink, signReportToken, verifyReportToken } from '../../../src/services/report/report-link.js';

const SECRET = 'a'.repeat(40);
const NOW = new Date('2026-11-02T09:00:00Z');

function tokenOf(link: string): string {
  return new URL(link).searchParams.get('key') ?? '';
}

describe('report links', () => {
  it('a link names its team in the path and opens that team until it expires', () => {
    const link = reportLink({
      baseUrl: 'https://gapdesk.example.com/',
      secret: SECRET,
      teamId: 'facilities',
      now: NOW,
      days: 30,
    });
    expect(link.startsWith('https://gapdesk.example.com/report/facilities?key=')).toBe(true);
    const check = verifyReportToken(SECRET, tokenOf(link), NOW);
    expect(check).toEqual({
      ok: true,
      grant: { teamId: 'facilities', expiresAt: new Date('2026-12-02T09:00:00Z') },
    });
  });

  it('an expired link is refused as expired', () => {
    const token = signReportToken(SECRET, { teamId: 'facilities', expiresAt: NOW });
    expect(verifyReportToken(SECRET, token, NOW)).toEqual({ ok: false, reason: 'expired' });
  });

  it('a link signed with another secret, or with its team swapped, is refused', () => {
    const token = signReportToken(SECRET, { teamId: 'facilities', expiresAt: new Date('2027-01-01Z') });
    expect(verifyReportToken('b'.repeat(40), token, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ t: 'it', e: 1_900_000_000 })).toString('base64url')}.${signature}`;
    expect(verifyReportToken(SECRET, forged, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('garbage is refused as malformed, not thrown', () => {
    for (const token of ['', 'abc', 'a.b.c', '.']) {
      expect(verifyReportToken(SECRET, token, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
