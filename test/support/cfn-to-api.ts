// Turns the properties of a synthesized AWS::BedrockAgentCore::Harness into what GetHarness returns for the same
// harness once deployed: CloudFormation intrinsics resolved to literal values, PascalCase turned into the API's
// camelCase, tags moved out (the API serves them through ListTagsForResource).

/** Keys whose children are user data (names of variables, headers, JSON schema, ...), kept as they are. */
const USER_MAPS = new Set(['EnvironmentVariables', 'Headers', 'AdvertisedScopeMapping', 'CustomParameters', 'Tags']);
/** Keys whose whole subtree is user JSON. */
const USER_JSON = new Set(['AdditionalParams', 'InputSchema']);
/** Keys whose children are user names but whose values are API shapes. */
const NAMED_SHAPES = new Set(['RetrievalConfig']);
/** CloudFormation names that are not the API name with a lower-case first letter. */
const RENAMED: Record<string, string> = { CustomJWTAuthorizer: 'customJWTAuthorizer' };

export interface ResolveContext {
  readonly account: string;
  readonly region: string;
  /** A literal value for `Fn::GetAtt [logicalId, attribute]` (e.g. a gateway's ARN). */
  readonly getAtt: (logicalId: string, attribute: string) => string;
}

/** Resolves the intrinsics the examples use, so that a template and the live harness can be compared. */
export function resolveIntrinsics(value: any, ctx: ResolveContext): any {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, ctx));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [k] = keys;
    const arg = value[k];
    const pseudo: Record<string, string> = {
      'AWS::AccountId': ctx.account,
      'AWS::Region': ctx.region,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackId': `arn:aws:cloudformation:${ctx.region}:${ctx.account}:stack/Stack/0a1b2c3d-0000-0000-0000-000000000000`,
    };
    switch (k) {
      case 'Ref':
        if (pseudo[arg] === undefined) throw new Error(`cannot resolve Ref ${arg}`);
        return pseudo[arg];
      case 'Fn::GetAtt': return ctx.getAtt(arg[0], arg[1]);
      case 'Fn::Join': return (resolveIntrinsics(arg[1], ctx) as string[]).join(arg[0]);
      case 'Fn::Select': return resolveIntrinsics(arg[1], ctx)[Number(arg[0])];
      case 'Fn::Split': return String(resolveIntrinsics(arg[1], ctx)).split(arg[0]);
      case 'Fn::Sub': {
        if (typeof arg !== 'string') throw new Error('Fn::Sub with variables is not supported here');
        return arg.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
          if (pseudo[name] !== undefined) return pseudo[name];
          const [logicalId, attribute] = name.split('.');
          return ctx.getAtt(logicalId, attribute);
        });
      }
      default:
        if (k.startsWith('Fn::')) throw new Error(`cannot resolve ${k}`);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, resolveIntrinsics(value[k], ctx)]));
}

function camel(name: string): string {
  return RENAMED[name] ?? name[0].toLowerCase() + name.slice(1);
}

function toApi(value: any): any {
  if (Array.isArray(value)) return value.map(toApi);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => {
    if (USER_JSON.has(k)) return [camel(k), v];
    if (USER_MAPS.has(k)) return [camel(k), v];
    if (NAMED_SHAPES.has(k)) return [camel(k), Object.fromEntries(Object.entries(v as object).map(([n, s]) => [n, toApi(s)]))];
    return [camel(k), toApi(v)];
  }));
}

export interface LiveShape {
  /** The configuration part of GetHarness's `harness` (identity fields are the emulator's). */
  readonly config: Record<string, unknown>;
  readonly tags: Record<string, string>;
}

/** Resolved CloudFormation properties of a harness → the GetHarness configuration and the tags. */
export function harnessPropsToApi(resolvedProps: Record<string, any>): LiveShape {
  const { HarnessName: _name, Tags: tags, ...rest } = resolvedProps;
  return {
    config: toApi(rest),
    tags: Object.fromEntries(((tags ?? []) as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value])),
  };
}
