import { type Activity, CallerIdConstants, CloudAdapter, type TurnContext } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  AuthenticationError,
} from 'botframework-connector';
import type { Request, Response } from 'express';
import type { Logger } from '../../src/logger.js';
import { activitySchema } from './activity-schemas.js';
import { refusedTenant } from './tenant-allowlist.js';

/** jsonwebtoken's errors, which the SDK lets through for a bad signature or a malformed token. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * CloudAdapter with the answer to POST /api/messages decided here, in this order: the SDK
 * authenticates the activity (its BotFrameworkAuthentication: token, issuer, audience, service
 * URL claim, signing keys), then the tenant is checked against TEAMS_ALLOWED_TENANTS, then the
 * activity must have the shape gapdesk reads (400 otherwise: the SDK would answer 200 to a
 * message it cannot route), and only then does the SDK run the turn (its processActivity,
 * given that authentication), so nothing of a refused activity reaches the bot, which stores
 * where people are before anything else.
 * CloudAdapter.process itself answers 500 for a token with a bad signature (jsonwebtoken's
 * error is not the SDK's AuthenticationError) and has no step for the tenant.
 */
export class InboundAdapter extends CloudAdapter {
  constructor(
    authentication: ConstructorParameters<typeof CloudAdapter>[0],
    private readonly allowedTenants: readonly string[] | undefined,
    private readonly logger: Logger,
  ) {
    super(authentication);
  }

  async serve(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity: unknown = req.body;
    if (!isActivity(activity)) {
      res.status(400).json({ error: 'not a Bot Framework activity' });
      return;
    }
    // For a refusal: the HTTP server's logger for this request (its request id), when there is
    // one; the type clipped, as anyone can send one before the token is checked.
    const refusals = () =>
      ((res.locals.logger as Logger | undefined) ?? this.logger).child({
        activityType: activity.type.slice(0, 40),
      });
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await this.botFrameworkAuthentication.authenticateRequest(
        activity,
        req.headers.authorization ?? '',
      );
    } catch (error) {
      const status = authenticationStatus(error);
      if (status === undefined) throw error;
      const reason = (error as Error).message.slice(0, 200);
      if (status === 401) {
        refusals().warn({ reason }, 'Teams activity refused: no valid Bot Framework token');
      } else {
        refusals().error(
          { reason },
          'Teams activity not served: its Bot Framework token could not be checked',
        );
      }
      res.status(status).json({ error: status === 401 ? 'unauthorized' : 'token check failed' });
      return;
    }
    const refused = refusedTenant(activity, this.allowedTenants);
    if (refused) {
      refusals().warn(
        { tenantId: refused.tenantId },
        'Teams activity refused: its tenant is not in TEAMS_ALLOWED_TENANTS',
      );
      res.status(403).json({ error: 'tenant not allowed' });
      return;
    }
    const shape = activitySchema.safeParse(activity);
    if (!shape.success) {
      // Where it is wrong, never what it holds.
      const fields = [...new Set(shape.error.issues.map((issue) => issue.path.join('.')))].slice(0, 10);
      refusals().warn({ fields }, 'Teams activity refused: not the shape of a Bot Framework activity');
      res.status(400).json({ error: 'not a Bot Framework activity' });
      return;
    }
    const invoke = await this.processActivity(authenticated, activity, logic);
    // As CloudAdapter.process answers: the invoke response, else 200 with no body.
    res.status(invoke?.status ?? 200);
    if (invoke?.body) res.send(invoke.body);
    else res.end();
  }
}

/** What CloudAdapter.process asks of a body before it authenticates: an object with a type. */
function isActivity(body: unknown): body is Activity {
  return typeof body === 'object' && body !== null && typeof (body as { type?: unknown }).type === 'string';
}

/**
 * The HTTP status for a failed authentication: the SDK's own (401, or 500 when the signing
 * keys could not be loaded), 401 for jsonwebtoken's; undefined for anything else (a bug).
 */
function authenticationStatus(error: unknown): number | undefined {
  if (error instanceof AuthenticationError) return error.statusCode >= 400 ? error.statusCode : 401;
  if (error instanceof Error && TOKEN_ERRORS.has(error.name)) return 401;
  return undefined;
}

/**
 * The SDK's public-cloud settings, with the channel's signing keys read from `openIdMetadataUrl`
 * (tests: a fake on 127.0.0.1). Given any one of these settings the SDK takes them all as given
 * (BotFrameworkAuthenticationFactory.create), so the rest are its own public-cloud values.
 */
export function publicCloudWithKeysAt(openIdMetadataUrl: string): Record<string, string> {
  return {
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
