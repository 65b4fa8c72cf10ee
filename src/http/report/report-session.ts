import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { signReportToken, verifyReportToken } from '../../services/report/report-link.js';

/** How long `?admin=<token>` keeps an operator's browser in: a working day, not a month. */
export const ADMIN_SESSION_MS = 12 * 3_600_000;
export const ADMIN_COOKIE = 'gapdesk_report_admin';

/** One cookie per team (team ids are lower-case letters, digits and dashes), so a leader of two teams keeps both. */
export const teamCookieName = (teamId: string) => `gapdesk_report_${teamId}`;

/**
 * A key derived for one purpose: a session cookie is signed with a different key than the link,
 * so the cookie's value never works as a `?key=` (nor the link's token as a cookie).
 */
function purposeKey(secret: string, purpose: string): string {
  return createHmac('sha256', secret).update(`gapdesk report ${purpose}`).digest('base64url');
}

export function signTeamSession(secret: string, teamId: string, expiresAt: Date): string {
  return signReportToken(purposeKey(secret, 'session'), { teamId, expiresAt });
}

/** True when the cookie was signed by us for this very team and has not expired. */
export function teamSessionOpens(secret: string, value: string, teamId: string, now: Date): boolean {
  const check = verifyReportToken(purposeKey(secret, 'session'), value, now);
  return check.ok && check.grant.teamId === teamId;
}

// The admin session has no team: '*' stands for any, and only the admin key can sign it.
export function signAdminSession(adminToken: string, expiresAt: Date): string {
  return signReportToken(purposeKey(adminToken, 'admin'), { teamId: '*', expiresAt });
}

export function adminSessionOpens(adminToken: string, value: string, now: Date): boolean {
  const check = verifyReportToken(purposeKey(adminToken, 'admin'), value, now);
  return check.ok && check.grant.teamId === '*';
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compared as digests: equal lengths, and the time taken says nothing about the token. */
export function isAdminToken(given: string | undefined, adminToken: string | undefined): boolean {
  return (
    adminToken !== undefined && given !== undefined && timingSafeEqual(digest(given), digest(adminToken))
  );
}

/** The request's cookies by name (the few we set are plain base64url; others are ignored if odd). */
export function readCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(at + 1).trim());
  }
  return cookies;
}

export type CookieOptions = { secure: boolean; expiresAt: Date };

/** HttpOnly (no script reads it), SameSite=Lax (sent when a link in chat is followed), Path=/report. */
export function setCookieHeader(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${value}`,
    'Path=/report',
    `Expires=${options.expiresAt.toUTCString()}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
