import type { NextFunction, Request, Response } from 'express';
import type { Clock } from '../../clock.js';
import { verifyReportToken } from '../../services/report/report-link.js';
import { forbiddenPage } from './pages/forbidden-page.js';
import {
  ADMIN_COOKIE,
  ADMIN_SESSION_MS,
  adminSessionOpens,
  isAdminToken,
  readCookies,
  setCookieHeader,
  signAdminSession,
  signTeamSession,
  teamCookieName,
  teamSessionOpens,
} from './report-session.js';

export type ReportAccessDeps = {
  clock: Clock;
  /** Team ids from config: any other is refused like a bad link, so no team's existence leaks. */
  teamIds: ReadonlySet<string>;
  /** GAPDESK_REPORT_SECRET; unset, no link and no team cookie opens anything. */
  reportSecret?: string;
  /** GAPDESK_ADMIN_TOKEN; opens every team. */
  adminToken?: string;
  /** GAPDESK_PUBLIC_URL: cookies are Secure when it is https. */
  publicUrl?: string;
};

export function refuse(res: Response): void {
  res.status(403).set('cache-control', 'no-store').type('html').send(forbiddenPage());
}

/** The same address without `key` and `admin`, so the token is neither in the address bar nor in history. */
function cleanUrl(req: Request): string {
  const url = new URL(req.originalUrl, 'http://report.invalid');
  url.searchParams.delete('key');
  url.searchParams.delete('admin');
  return `${url.pathname}${url.search}`;
}

const single = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Guards every /report/:team page. A signed link (`?key=`) for this team, or `?admin=<token>`,
 * is exchanged for a session cookie and a redirect to the clean address; after that the cookie
 * (or `Authorization: Bearer <admin token>`) opens the pages. Anything else: 403, nothing shown.
 */
export function reportAccess(deps: ReportAccessDeps) {
  const secure = deps.publicUrl?.startsWith('https:') ?? false;
  return (req: Request, res: Response, next: NextFunction): void => {
    const teamId = single(req.params.team) ?? '';
    if (!deps.teamIds.has(teamId)) {
      refuse(res);
      return;
    }
    const now = deps.clock.now();
    const cookies = readCookies(req.get('cookie'));

    if ('key' in req.query) {
      const key = single(req.query.key);
      const check = deps.reportSecret && key ? verifyReportToken(deps.reportSecret, key, now) : undefined;
      if (!deps.reportSecret || !check?.ok || check.grant.teamId !== teamId) {
        refuse(res);
        return;
      }
      const { expiresAt } = check.grant;
      res.append(
        'set-cookie',
        setCookieHeader(teamCookieName(teamId), signTeamSession(deps.reportSecret, teamId, expiresAt), {
          secure,
          expiresAt,
        }),
      );
      res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).redirect(303, cleanUrl(req));
      return;
    }
    if ('admin' in req.query) {
      if (!isAdminToken(single(req.query.admin), deps.adminToken) || !deps.adminToken) {
        refuse(res);
        return;
      }
      const expiresAt = new Date(now.getTime() + ADMIN_SESSION_MS);
      res.append(
        'set-cookie',
        setCookieHeader(ADMIN_COOKIE, signAdminSession(deps.adminToken, expiresAt), { secure, expiresAt }),
      );
      res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).redirect(303, cleanUrl(req));
      return;
    }

    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const adminCookie = cookies.get(ADMIN_COOKIE);
    const teamCookie = cookies.get(teamCookieName(teamId));
    const opens =
      isAdminToken(bearer, deps.adminToken) ||
      (deps.adminToken !== undefined &&
        adminCookie !== undefined &&
        adminSessionOpens(deps.adminToken, adminCookie, now)) ||
      (deps.reportSecret !== undefined &&
        teamCookie !== undefined &&
        teamSessionOpens(deps.reportSecret, teamCookie, teamId, now));
    if (!opens) {
      refuse(res);
      return;
    }
    next();
  };
}
