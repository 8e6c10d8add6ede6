// The control-plane resources a harness refers to (gateways, memories, credential providers), just enough for the
// Get calls `doctor` makes: seed them in `emulator.references`, leave one out to make it "not found".
import { fail } from './wire';

export interface GatewaySeed {
  readonly authorizerType: 'AWS_IAM' | 'CUSTOM_JWT' | 'NONE' | 'AUTHENTICATE_ONLY';
  readonly status?: string;
}

export interface MemorySeed {
  readonly status: 'ACTIVE' | 'CREATING' | 'FAILED' | 'DELETING';
  readonly failureReason?: string;
}

export interface ProviderSeed {
  /** The secret the provider keeps its key or client secret in. */
  readonly secretArn: string;
}

export interface ReferenceState {
  /** By gateway id. */
  readonly gateways: Map<string, GatewaySeed>;
  /** By memory id. */
  readonly memories: Map<string, MemorySeed>;
  /** By provider name. */
  readonly apiKeyProviders: Map<string, ProviderSeed>;
  readonly oauth2Providers: Map<string, ProviderSeed>;
}

export type ReferenceOperation = 'GetGateway' | 'GetMemory' | 'GetApiKeyCredentialProvider' | 'GetOauth2CredentialProvider';

export function newReferenceState(): ReferenceState {
  return { gateways: new Map(), memories: new Map(), apiKeyProviders: new Map(), oauth2Providers: new Map() };
}

const GATEWAY_PATH = /^\/gateways\/([^/]+)\/?$/;
const MEMORY_PATH = /^\/memories\/([^/]+)\/details$/;

/** The REST bindings of the SDK models for these calls; undefined when the request is not one of them. */
export function routeReference(method: string, path: string): { operation: ReferenceOperation; params: string[] } | undefined {
  let m = GATEWAY_PATH.exec(path);
  if (m && method === 'GET') return { operation: 'GetGateway', params: [m[1]] };
  m = MEMORY_PATH.exec(path);
  if (m && method === 'GET') return { operation: 'GetMemory', params: [m[1]] };
  if (method === 'POST' && path === '/identities/GetApiKeyCredentialProvider') return { operation: 'GetApiKeyCredentialProvider', params: [] };
  if (method === 'POST' && path === '/identities/GetOauth2CredentialProvider') return { operation: 'GetOauth2CredentialProvider', params: [] };
  return undefined;
}

export function referenceHandlers(state: ReferenceState, region: string, account: string) {
  const arn = (resource: string) => `arn:aws:bedrock-agentcore:${region}:${account}:${resource}`;
  const epoch = 1767225600;
  return {
    GetGateway: (params: string[]) => {
      const id = decodeURIComponent(params[0]);
      const g = state.gateways.get(id);
      if (!g) fail('notFound', `Gateway ${id}`);
      return {
        gatewayArn: arn(`gateway/${id}`),
        gatewayId: id,
        name: id.split('-')[0],
        status: g.status ?? 'READY',
        // GetGateway's timestamps are date-time strings, unlike the memory and identity calls' epoch seconds.
        authorizerType: g.authorizerType,
        protocolType: 'MCP',
        createdAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
      };
    },
    GetMemory: (params: string[]) => {
      const id = decodeURIComponent(params[0]);
      const m = state.memories.get(id);
      if (!m) fail('notFound', `Memory ${id}`);
      return {
        memory: {
          arn: arn(`memory/${id}`),
          id,
          name: id.split('-')[0],
          status: m.status,
          failureReason: m.failureReason,
          eventExpiryDuration: 30,
          createdAt: epoch,
          updatedAt: epoch,
        },
      };
    },
    GetApiKeyCredentialProvider: (_p: string[], _q: unknown, body: any) => {
      const p = state.apiKeyProviders.get(body.name);
      if (!p) fail('notFound', `API key credential provider ${body.name}`);
      return {
        name: body.name,
        credentialProviderArn: arn(`token-vault/default/apikeycredentialprovider/${body.name}`),
        apiKeySecretArn: { secretArn: p.secretArn },
        createdTime: epoch,
        lastUpdatedTime: epoch,
      };
    },
    GetOauth2CredentialProvider: (_p: string[], _q: unknown, body: any) => {
      const p = state.oauth2Providers.get(body.name);
      if (!p) fail('notFound', `OAuth2 credential provider ${body.name}`);
      return {
        name: body.name,
        credentialProviderArn: arn(`token-vault/default/oauth2credentialprovider/${body.name}`),
        clientSecretArn: { secretArn: p.secretArn },
        credentialProviderVendor: 'CustomOauth2',
        oauth2ProviderConfigOutput: {},
        createdTime: epoch,
        lastUpdatedTime: epoch,
      };
    },
  };
}
