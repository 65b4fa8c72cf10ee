import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signed report token vouches for: one team's report, until a moment. */
export type ReportGrant = { teamId: string; expiresAt: Date };

export type ReportTokenCheck =
  | { ok: true; grant: ReportGrant }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/**
 * `<payload>.<hmac>`, both base64url: the payload is `{"t":team,"e":expiry in epoch seconds}`.
 * The team and the expiry are inside the signed part, so neither can be swapped or stretched.
 */
export function signReportToken(secret: string, grant: ReportGrant): string {
  const payload = Buffer.from(
    JSON.stringify({ t: grant.teamId, e: Math.floor(grant.expiresAt.getTime() / 1000) }),
  ).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

export function verifyReportToken(secret: string, token: string, now: Date): ReportTokenCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (
    typeof claims !== 'object' ||
    claims === null ||
    !('t' in claims) ||
    !('e' in claims) ||
    typeof claims.t !== 'string' ||
    typeof claims.e !== 'number'
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const expiresAt = new Date(claims.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, grant: { teamId: claims.t, expiresAt } };
}

export type ReportLinkInput = {
  /** gapdesk's base URL: GAPDESK_PUBLIC_URL, or the local address the CLI prints. */
  baseUrl: string;
  secret: string;
  teamId: string;
  now: Date;
  /** How long the link opens the report (GAPDESK_REPORT_LINK_DAYS). */
  days: number;
};

/** `<base>/report/<team>?key=<token>`: opening it sets the report session for that team. */
export function reportLink(input: ReportLinkInput): string {
  const expiresAt = new Date(input.now.getTime() + input.days * 86_400_000);
  const token = signReportToken(input.secret, { teamId: input.teamId, expiresAt });
  return `${input.baseUrl.replace(/\/+$/, '')}/report/${encodeURIComponent(input.teamId)}?key=${token}`;
}
