import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

/** Who Bot Framework's channel tokens say issued them (the SDK requires exactly this issuer). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

const METADATA_PATH = '/v1/.well-known/openidconfiguration';
const KEYS_PATH = '/v1/.well-known/keys';

/** What a test may change in a token: each claim, the lifetime, or the key it is signed with. */
export type TokenOptions = {
  /** The bot's app id (the `aud` claim). */
  audience: string;
  /** The `serviceurl` claim: the service URL of the activity the token comes with. */
  serviceUrl: string;
  issuer?: string;
  /** Seconds from now; negative for a token that has expired. */
  expiresIn?: number;
  /** Signed with a key the metadata does not publish (under the published key's id). */
  signedWithOtherKey?: boolean;
};

/**
 * Bot Framework's token signing on 127.0.0.1: an OpenID metadata document (what the SDK reads
 * from login.botframework.com) whose `jwks_uri` lists one RSA key made for this fake, endorsed
 * for the msteams channel like Bot Framework's own, and `token()` to sign channel tokens with
 * it. The transport reads the metadata at `metadataUrl` (BotbuilderTransportOptions).
 */
export class FakeBotFrameworkKeys {
  /** Every path the SDK fetched, in order. */
  readonly fetched: string[] = [];
  /** While true, every request is answered 503 (Bot Framework's key service down, or unreachable). */
  unavailable = false;
  private readonly kid = 'fake-bot-framework-key-1';
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly otherKey: KeyObject;

  private constructor(
    private readonly server: Server,
    private readonly base: string,
  ) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
    this.otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  static async start(): Promise<FakeBotFrameworkKeys> {
    let fake: FakeBotFrameworkKeys | undefined;
    const server = createServer((req, res) => {
      const body = fake?.answer(req.url ?? '/');
      res.writeHead(fake?.unavailable ? 503 : body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: 'not_found' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeBotFrameworkKeys(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /** The OpenID metadata URL, in place of https://login.botframework.com/v1/.well-known/openidconfiguration. */
  get metadataUrl(): string {
    return `${this.base}${METADATA_PATH}`;
  }

  /** A channel token as Bot Framework signs one for an activity to the bot (RS256). */
  token(options: TokenOptions): string {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresIn ?? 3600;
    const claims = {
      serviceurl: options.serviceUrl,
      iss: options.issuer ?? BOT_FRAMEWORK_ISSUER,
      aud: options.audience,
      nbf: Math.min(now, now + expiresIn) - 300,
      iat: Math.min(now, now + expiresIn) - 300,
      exp: now + expiresIn,
    };
    const key = options.signedWithOtherKey ? this.otherKey : this.privateKey;
    return jwt.sign(claims, key, { algorithm: 'RS256', keyid: this.kid });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(url: string): object | undefined {
    const path = new URL(url, this.base).pathname;
    this.fetched.push(path);
    if (path === METADATA_PATH) {
      return {
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: 'https://invalid.botframework.com',
        jwks_uri: `${this.base}${KEYS_PATH}`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      };
    }
    if (path === KEYS_PATH) {
      const { n, e } = this.publicKey.export({ format: 'jwk' });
      return {
        keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, x5t: this.kid, n, e, endorsements: ['msteams'] }],
      };
    }
    return undefined;
  }
}
