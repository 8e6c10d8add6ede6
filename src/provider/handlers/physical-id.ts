import { createHash } from 'crypto';

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JSON with sorted keys, so the same properties always hash the same however CloudFormation orders them. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object).sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `<HarnessId>/<SourceEndpoint>/<first 16 hex of sha256(PromotionId)>` (docs/DESIGN.md). */
export function endpointVersionPhysicalId(harnessId: string, sourceEndpoint: string, promotionId: string): string {
  return `${harnessId}/${sourceEndpoint}/${sha256Hex(promotionId).slice(0, 16)}`;
}

/**
 * `smoke/<HarnessId>/<Qualifier>/<first 16 hex of sha256(all properties)>` (docs/DESIGN.md). The hash covers
 * the canonical JSON of every property except ServiceToken, which names the provider rather than the test.
 */
export function smokeTestPhysicalId(harnessId: string, qualifier: string, properties: Record<string, unknown>): string {
  const { ServiceToken: _token, ...rest } = properties;
  return `smoke/${harnessId}/${qualifier}/${sha256Hex(canonicalJson(rest)).slice(0, 16)}`;
}

/**
 * A throwaway runtime session per CloudFormation request: 70 characters, inside the service's 33–100 and
 * `[a-zA-Z0-9][a-zA-Z0-9-_]*`. Derived, not random, so every poll of one request reuses the same session
 * and no two requests share one (managed memory would otherwise continue an old conversation).
 */
export function smokeTestSessionId(requestId: string): string {
  return `smoke-${sha256Hex(requestId)}`;
}
