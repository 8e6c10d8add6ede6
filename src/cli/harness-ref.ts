import { CliError, EXIT } from './cli-error';
import { HARNESS_ARN_PARTS, HARNESS_ID } from '../common/private/arn-patterns';
import { ENDPOINT_NAME, isDefaultEndpointName, VERSION_NUMBER } from '../common/private/endpoint-rules';


export interface HarnessRef {
  readonly harnessId: string;
  /** The region named in an ARN, used when --region is not given. */
  readonly region?: string;
  /** The account named in an ARN, checked against the caller's before acting. */
  readonly account?: string;
}

/** Accepts a harness id or ARN; an ARN also tells the region. */
export function parseHarnessRef(value: string): HarnessRef {
  const arn = HARNESS_ARN_PARTS.exec(value);
  const harnessId = arn ? arn[3] : value;
  if (!HARNESS_ID.test(harnessId)) {
    throw new CliError(
      `--harness ${JSON.stringify(value)} is neither a harness id (<name>-<10 alphanumerics>, e.g. my_agent-a1B2c3D4e5) ` +
      'nor a harness ARN (arn:<partition>:bedrock-agentcore:<region>:<account>:harness/<id>)',
      EXIT.usage,
    );
  }
  return { harnessId, region: arn?.[1], account: arn?.[2] };
}

export function parseEndpointName(option: string, value: string): string {
  if (!ENDPOINT_NAME.test(value)) {
    throw new CliError(`--${option} ${JSON.stringify(value)} is not an endpoint name (letter first, then letters, digits or _; at most 48)`, EXIT.usage);
  }
  return value;
}

/** DEFAULT always follows the latest version; the service does not let it be pointed anywhere. */
export function refuseDefault(option: string, endpoint: string): void {
  if (isDefaultEndpointName(endpoint)) {
    throw new CliError(`--${option} DEFAULT is not allowed: DEFAULT always serves the latest version and cannot be pinned`, EXIT.usage);
  }
}

export function parseVersion(option: string, value: string): string {
  if (!VERSION_NUMBER.test(value)) {
    throw new CliError(`--${option} ${JSON.stringify(value)} is not a version number (1-99999, no leading zero)`, EXIT.usage);
  }
  return value;
}
