import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INetworkModule } from '@azure/msal-node';
import { entraIdNetwork } from '../../adapters/teams/entra-id-network.js';

/** The login host MSAL believes it talks to; the fake's network module sends it to 127.0.0.1. */
export const LOGIN_HOST = 'https://login.microsoftonline.com';

/** One token request the fake received (the form MSAL posted). */
export type TokenRequest = Record<string, string>;

/**
 * A fake Microsoft Entra ID (the token service Bot Framework bots get their outbound tokens
 * from) on 127.0.0.1: the tenant's OpenID configuration and a client-credentials token
 * endpoint that issues `token-N` to the expected client and refuses anyone else. MSAL insists
 * on https authorities, so it is pointed at the real login host and given `network`, which
 * carries its requests here instead (over plain HTTP on 127.0.0.1).
 */
export class FakeEntraId {
  readonly tokenRequests: TokenRequest[] = [];
  /** The tenant (authority path) each token request was made to, in order. */
  readonly tokenTenants: string[] = [];
  private issued = 0;

  private constructor(
    private readonly server: Server,
    private readonly base: string,
    private readonly client: { id: string; secret: string },
  ) {}

  static async start(client: { id: string; secret: string }): Promise<FakeEntraId> {
    let fake: FakeEntraId | undefined;
    const server = createServer((req, res) => {
      fake?.answer(req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        (error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeEntraId(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, client);
    return fake;
  }

  /** `http://127.0.0.1:<port>`, where the login host's requests are sent instead. */
  get url(): string {
    return this.base;
  }

  /**
   * gapdesk's own MSAL network module (entra-id-network.ts: the outbound dispatcher, so the
   * proxy variables apply) with the login host's requests addressed to this fake instead.
   */
  get network(): INetworkModule {
    const inner = entraIdNetwork();
    const here = (url: string) => url.replace(LOGIN_HOST, this.base);
    return {
      sendGetRequestAsync: (url, options, timeout) => inner.sendGetRequestAsync(here(url), options, timeout),
      sendPostRequestAsync: (url, options) => inner.sendPostRequestAsync(here(url), options),
    };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage): Promise<{ status: number; body: object }> {
    const path = new URL(req.url ?? '/', this.base).pathname;
    const tenant = path.split('/')[1] ?? '';
    if (req.method === 'GET' && path.endsWith('/v2.0/.well-known/openid-configuration')) {
      const authority = `${LOGIN_HOST}/${tenant}`;
      return {
        status: 200,
        body: {
          issuer: `${LOGIN_HOST}/${tenant}/v2.0`,
          authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
          token_endpoint: `${authority}/oauth2/v2.0/token`,
          end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
          jwks_uri: `${authority}/discovery/v2.0/keys`,
        },
      };
    }
    if (req.method === 'POST' && path.endsWith('/oauth2/v2.0/token')) {
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      this.tokenRequests.push(form);
      this.tokenTenants.push(tenant);
      if (form.client_id !== this.client.id || form.client_secret !== this.client.secret) {
        return {
          status: 401,
          body: {
            error: 'invalid_client',
            error_description: 'AADSTS7000215: Invalid client secret provided.',
          },
        };
      }
      this.issued += 1;
      return {
        status: 200,
        body: {
          token_type: 'Bearer',
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: `token-${this.issued}`,
        },
      };
    }
    return { status: 404, body: { error: 'not_found' } };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
