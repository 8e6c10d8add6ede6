import { Operation } from './faults';

// The REST bindings of the SDK models (@http traits): method + path → operation.
const HARNESS_PATH = /^\/harnesses\/([^/]+)$/;
const VERSIONS_PATH = /^\/harnesses\/([^/]+)\/versions$/;
const ENDPOINTS_PATH = /^\/harnesses\/([^/]+)\/endpoints$/;
const ENDPOINT_PATH = /^\/harnesses\/([^/]+)\/endpoints\/([^/]+)$/;
const TAGS_PATH = /^\/tags\/(.+)$/;

export function route(method: string, path: string, rawBody = ''): { operation: Operation | 'Unknown'; params: string[] } {
  if (path === '/' && method === 'POST' && /(^|&)Action=GetCallerIdentity(&|$)/.test(rawBody)) return { operation: 'GetCallerIdentity', params: [] };
  if (path === '/' && method === 'POST' && /(^|&)Action=DescribeStacks(&|$)/.test(rawBody)) return { operation: 'DescribeStacks', params: [] };
  if (path === '/harnesses') {
    if (method === 'POST') return { operation: 'CreateHarness', params: [] };
    if (method === 'GET') return { operation: 'ListHarnesses', params: [] };
  }
  if (path === '/harnesses/invoke' && method === 'POST') return { operation: 'InvokeHarness', params: [] };
  let m = HARNESS_PATH.exec(path);
  if (m) {
    const op = ({ GET: 'GetHarness', PATCH: 'UpdateHarness', DELETE: 'DeleteHarness' } as const)[method as 'GET'];
    if (op) return { operation: op, params: [m[1]] };
  }
  m = VERSIONS_PATH.exec(path);
  if (m && method === 'GET') return { operation: 'ListHarnessVersions', params: [m[1]] };
  m = ENDPOINTS_PATH.exec(path);
  if (m) {
    if (method === 'POST') return { operation: 'CreateHarnessEndpoint', params: [m[1]] };
    if (method === 'GET') return { operation: 'ListHarnessEndpoints', params: [m[1]] };
  }
  m = ENDPOINT_PATH.exec(path);
  if (m) {
    const op = ({ GET: 'GetHarnessEndpoint', PATCH: 'UpdateHarnessEndpoint', DELETE: 'DeleteHarnessEndpoint' } as const)[method as 'GET'];
    if (op) return { operation: op, params: [m[1], m[2]] };
  }
  m = TAGS_PATH.exec(path);
  if (m && method === 'GET') return { operation: 'ListTagsForResource', params: [m[1]] };
  return { operation: 'Unknown', params: [] };
}
