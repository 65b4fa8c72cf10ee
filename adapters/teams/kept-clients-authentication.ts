import type { Activity } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  BotFrameworkAuthentication,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';

/**
 * The SDK's authentication (token checks, credentials, clouds: all delegated), except that the
 * clients it makes for each turn are made once and kept. CloudAdapter asks for a new connector
 * client and a new user-token client on every activity it processes, each with its own Azure
 * HTTP pipeline; in the Teams bench that was about a tenth of the CPU of an invoke, spent on
 * clients most turns never use. botbuilder's older BotFrameworkAdapter kept its clients the
 * same way. A client is kept per bot app id, service URL and audience, which is all it depends
 * on; one that could not be made is not kept.
 */
export class KeptClientsAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly sdk: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.sdk.authenticateRequest(activity, authHeader);
    const made = result.connectorFactory;
    return made ? { ...result, connectorFactory: this.keeping(result.claimsIdentity, made) } : result;
  }

  authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.sdk.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.keeping(claimsIdentity, this.sdk.createConnectorFactory(claimsIdentity));
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return kept(this.userTokenClients, appIdOf(claimsIdentity), () =>
      this.sdk.createUserTokenClient(claimsIdentity),
    );
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.sdk.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.sdk.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.sdk.authenticateChannelRequest(authHeader);
  }

  private keeping(claimsIdentity: ClaimsIdentity, factory: ConnectorFactory): ConnectorFactory {
    return new KeptConnectorFactory(this.connectors, appIdOf(claimsIdentity), factory);
  }
}

/** The SDK's connector factory for one turn, answering from the clients already made. */
class KeptConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly connectors: Map<string, Promise<ConnectorClient>>,
    private readonly appId: string,
    private readonly sdk: ConnectorFactory,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return kept(this.connectors, `${this.appId}\n${serviceUrl}\n${audience ?? ''}`, () =>
      this.sdk.create(serviceUrl, audience),
    );
  }
}

/** The bot's app id as the SDK reads it from a turn's claims (audience, else app id). */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return (
    claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

function kept<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = make();
    value.catch(() => cache.delete(key));
    cache.set(key, value);
  }
  return value;
}
