import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { KeptClientsAuthentication } from '../../../adapters/teams/kept-clients-authentication.js';

const bot = (appId: string) =>
  new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

/** Stands in for the SDK's authentication: counts the clients it is asked to make. */
class CountingAuthentication extends BotFrameworkAuthentication {
  readonly made: string[] = [];
  failNext = false;

  async authenticateRequest(): Promise<AuthenticateRequestResult> {
    const claimsIdentity = bot('app-1');
    return {
      audience: 'aud',
      callerId: '',
      claimsIdentity,
      connectorFactory: this.createConnectorFactory(claimsIdentity),
    };
  }
  authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    throw new Error('not used');
  }
  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const made = this.made;
    const self = this;
    return new (class extends ConnectorFactory {
      async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        if (self.failNext) {
          self.failNext = false;
          throw new Error('credentials unavailable');
        }
        made.push(
          `connector ${claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim)} ${serviceUrl} ${audience ?? '-'}`,
        );
        return { serviceUrl } as unknown as ConnectorClient;
      }
    })();
  }
  async createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    this.made.push(`user tokens ${claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim)}`);
    return {} as UserTokenClient;
  }
}

describe('the authentication CloudAdapter is given', () => {
  it('makes one connector client per service URL and audience however many turns ask', async () => {
    const sdk = new CountingAuthentication();
    const auth = new KeptClientsAuthentication(sdk);

    for (let turn = 0; turn < 3; turn++) {
      const result = await auth.authenticateRequest({} as never, '');
      await result.connectorFactory?.create('https://smba.example/amer/', 'aud');
      await auth.createUserTokenClient(result.claimsIdentity);
    }
    await auth.createConnectorFactory(bot('app-1')).create('https://smba.example/emea/', 'aud');

    expect(sdk.made).toEqual([
      'connector app-1 https://smba.example/amer/ aud',
      'user tokens app-1',
      'connector app-1 https://smba.example/emea/ aud',
    ]);
  });

  it('tries again after a client could not be made', async () => {
    const sdk = new CountingAuthentication();
    const auth = new KeptClientsAuthentication(sdk);
    const factory = auth.createConnectorFactory(bot('app-1'));
    sdk.failNext = true;

    await expect(factory.create('https://smba.example/amer/')).rejects.toThrow('credentials unavailable');
    await factory.create('https://smba.example/amer/');

    expect(sdk.made).toEqual(['connector app-1 https://smba.example/amer/ -']);
  });
});
