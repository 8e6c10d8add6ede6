// A loopback emulator of the two IAM calls `doctor` makes, GetRole and SimulatePrincipalPolicy, speaking IAM's query
// protocol (form-encoded requests, XML responses) so the real @aws-sdk/client-iam runs against it. Point the SDK at
// it with AWS_ENDPOINT_URL_IAM. The policy evaluation is deliberately small: Allow/Deny statements with `*`/`?`
// wildcards on Action and Resource, and StringEquals/StringLike/ArnLike conditions read from the context entries.
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { readBody } from './wire';

export interface IamStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface IamRole {
  readonly trustPolicy: unknown;
  /** Every statement of the role's inline, attached and default policies, flattened. */
  statements: IamStatement[];
}

export type IamOperation = 'GetRole' | 'SimulatePrincipalPolicy';
export type IamFault = 'throttling' | 'accessDenied' | 'internal';

export interface IamEmulator {
  readonly url: string;
  /** By role name. */
  readonly roles: Map<string, IamRole>;
  /** Calls as seen, with their form parameters. */
  readonly requests: { operation: string; params: Record<string, string>; status: number }[];
  /** The next `count` calls of `operation` fail with `fault`. */
  inject(operation: IamOperation, fault: IamFault, count?: number): void;
  stop(): Promise<void>;
}

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function like(pattern: string, value: string, caseInsensitive = false): boolean {
  const body = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's').test(value);
}

/** `ActionNames.member.1` ... → the list. */
function members(params: Record<string, string>, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; params[`${prefix}.member.${i}`] !== undefined; i++) out.push(params[`${prefix}.member.${i}`]);
  return out;
}

function contextOf(params: Record<string, string>): Map<string, string[]> {
  const ctx = new Map<string, string[]>();
  for (let i = 1; params[`ContextEntries.member.${i}.ContextKeyName`] !== undefined; i++) {
    ctx.set(params[`ContextEntries.member.${i}.ContextKeyName`].toLowerCase(), members(params, `ContextEntries.member.${i}.ContextKeyValues`));
  }
  return ctx;
}

function conditionHolds(condition: IamStatement['Condition'], ctx: Map<string, string[]>): boolean {
  for (const [op, block] of Object.entries(condition ?? {})) {
    for (const [key, expected] of Object.entries(block)) {
      const actual = ctx.get(key.toLowerCase());
      if (!actual) return false;
      const exact = op === 'StringEquals' || op === 'ArnEquals';
      if (!actual.some((a) => list(expected).some((e) => (exact ? e === a : like(e, a))))) return false;
    }
  }
  return true;
}

function matches(s: IamStatement, action: string, resource: string, ctx: Map<string, string[]>): boolean {
  return list(s.Action).some((a) => like(a, action, true))
    && list(s.Resource).some((r) => like(r, resource))
    && conditionHolds(s.Condition, ctx);
}

/** IAM's decision for one action on one resource: an explicit Deny wins, then any Allow, else the implicit deny. */
export function evaluate(statements: IamStatement[], action: string, resource: string, ctx = new Map<string, string[]>()): string {
  if (statements.some((s) => s.Effect === 'Deny' && matches(s, action, resource, ctx))) return 'explicitDeny';
  if (statements.some((s) => s.Effect === 'Allow' && matches(s, action, resource, ctx))) return 'allowed';
  return 'implicitDeny';
}

export async function startIamEmulator(account = '123456789012'): Promise<IamEmulator> {
  const roles = new Map<string, IamRole>();
  const faults: { operation: IamOperation; fault: IamFault; remaining: number }[] = [];
  const requests: IamEmulator['requests'] = [];

  function send(res: ServerResponse, status: number, xml: string): void {
    res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml), 'x-amzn-requestid': 'emulated' });
    res.end(xml);
  }

  function sendError(res: ServerResponse, status: number, code: string, message: string): void {
    send(res, status, `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code>`
      + `<Message>${xmlEscape(message)}</Message></Error><RequestId>emulated</RequestId></ErrorResponse>`);
  }

  function roleByName(name: string): IamRole | undefined {
    return roles.get(name);
  }

  const server: Server = createServer((req, res) => { void handle(req, res); });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)).entries());
    const operation = params.Action ?? 'Unknown';
    const record = { operation, params, status: 200 };
    requests.push(record);
    const fault = faults.find((f) => f.operation === operation && f.remaining > 0);
    if (fault) {
      fault.remaining -= 1;
      if (fault.fault === 'throttling') { record.status = 400; return sendError(res, 400, 'Throttling', 'Rate exceeded'); }
      if (fault.fault === 'internal') { record.status = 500; return sendError(res, 500, 'ServiceFailure', 'Internal failure'); }
      record.status = 403;
      return sendError(res, 403, 'AccessDenied',
        `User: arn:aws:iam::${account}:user/caller is not authorized to perform: iam:${operation}`);
    }
    if (operation === 'GetRole') {
      const role = roleByName(params.RoleName);
      if (!role) { record.status = 404; return sendError(res, 404, 'NoSuchEntity', `The role with name ${params.RoleName} cannot be found.`); }
      return send(res, 200, `<GetRoleResponse xmlns="${NS}"><GetRoleResult><Role><Path>/</Path>`
        + `<RoleName>${xmlEscape(params.RoleName)}</RoleName><RoleId>AROAEMULATED</RoleId>`
        + `<Arn>arn:aws:iam::${account}:role/${xmlEscape(params.RoleName)}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate>`
        + `<AssumeRolePolicyDocument>${xmlEscape(encodeURIComponent(JSON.stringify(role.trustPolicy)))}</AssumeRolePolicyDocument>`
        + '</Role></GetRoleResult><ResponseMetadata><RequestId>emulated</RequestId></ResponseMetadata></GetRoleResponse>');
    }
    if (operation === 'SimulatePrincipalPolicy') {
      const name = (params.PolicySourceArn ?? '').split('/').pop() ?? '';
      const role = roleByName(name);
      if (!role) { record.status = 404; return sendError(res, 404, 'NoSuchEntity', `The role with name ${name} cannot be found.`); }
      const ctx = contextOf(params);
      const resources = members(params, 'ResourceArns');
      const results = members(params, 'ActionNames').flatMap((action) => (resources.length ? resources : ['*']).map((resource) =>
        `<member><EvalActionName>${xmlEscape(action)}</EvalActionName><EvalResourceName>${xmlEscape(resource)}</EvalResourceName>`
        + `<EvalDecision>${evaluate(role.statements, action, resource, ctx)}</EvalDecision><MatchedStatements/><MissingContextValues/></member>`));
      return send(res, 200, `<SimulatePrincipalPolicyResponse xmlns="${NS}"><SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated>`
        + `<EvaluationResults>${results.join('')}</EvaluationResults></SimulatePrincipalPolicyResult>`
        + '<ResponseMetadata><RequestId>emulated</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>');
    }
    record.status = 400;
    return sendError(res, 400, 'InvalidAction', `The action ${operation} is not valid for this emulator`);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    roles,
    requests,
    inject(operation, fault, count = 1) {
      faults.push({ operation, fault, remaining: count });
    },
    stop() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
