import {
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import {
  AuthenticationConstants,
  MsalServiceClientCredentialsFactory,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { TeamsConfig } from '../../src/config.js';
import { type AnswerHeaders, outboundRequest } from '../../src/http/outbound-request.js';

/**
 * MSAL's network module (its documented `system.networkClient` hook) on gapdesk's outgoing
 * requests: Entra ID's token and metadata requests are `outboundRequest` calls on the outbound
 * dispatcher, so they honour HTTPS_PROXY / HTTP_PROXY / NO_PROXY like every other outgoing
 * call. MSAL's own client only knows a fixed `proxyUrl`, and botframework-connector gives it
 * none.
 */
export function entraIdNetwork(): INetworkModule {
  const send = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options?: NetworkRequestOptions,
    timeoutMs?: number,
  ): Promise<NetworkResponse<T>> => {
    const answer = await outboundRequest(
      new URL(url),
      { method, headers: options?.headers ?? {}, body: options?.body },
      // MSAL gives a timeout only where it expects silence (region discovery on a host that
      // is not in Azure, where even the connection may never come), which it treats as "no
      // answer here": the whole call's deadline.
      timeoutMs ? { deadlineMs: timeoutMs } : {},
    );
    return {
      status: answer.status,
      headers: flat(answer.headers),
      body: bodyOf(answer.status, answer.text) as T,
    };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

type MsalApp = ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1];

/**
 * The SDK's MSAL credentials for a bot with a client secret, on an MSAL app whose requests go
 * through `network`: what the SDK's own factory builds for these app types (the same authority
 * and scope), except that the MSAL app it makes cannot be given a network module. A managed
 * identity's token comes from the host's identity endpoint through @azure/identity, not MSAL
 * Node: the SDK's own factory (undefined).
 */
export function botCredentials(
  config: Extract<TeamsConfig, { auth: 'on' }>,
  network: INetworkModule,
): ServiceClientCredentialsFactory | undefined {
  if (config.appType === 'UserAssignedMSI') return undefined;
  const tenant =
    config.appType === 'SingleTenant' ? config.tenantId : AuthenticationConstants.DefaultChannelAuthTenant;
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: config.appId,
      clientSecret: config.appPassword ?? '',
      authority: `${AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${tenant}`,
    },
    system: { networkClient: network },
  });
  // msal-node ships ESM and CJS builds with separately declared types; the SDK is typed
  // against the CJS one, and MsalAppCredentials only calls acquireTokenByClientCredential.
  return new MsalServiceClientCredentialsFactory(config.appId, msal as unknown as MsalApp);
}

function flat(headers: AnswerHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * The answer as MSAL reads it: the JSON body, or, for a body that is not JSON (a proxy's error
 * page), the OAuth error shape MSAL's own client makes of it, so MSAL reports a server error
 * rather than failing on a parse.
 */
function bodyOf(status: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const kind = status >= 500 ? 'server_error' : status >= 400 ? 'client_error' : 'unknown_error';
    return { error: kind, error_description: `HTTP ${status}, not JSON: ${text.slice(0, 200)}` };
  }
}
