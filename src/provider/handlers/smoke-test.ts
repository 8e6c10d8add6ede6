import { startedAtData } from './deadline';
import { smokeTestPhysicalId } from './physical-id';
import { Properties } from './properties';
import { OnEventRequest, OnEventResponse, physicalIdResponse, SMOKE_TEST_TYPE } from './types';
import { DEFAULT_ENDPOINT_NAME } from '../../common/private/endpoint-rules';
import { HandlerError } from '../../service/errors';

/** Without ReadTimeoutSeconds: long enough for a model turn, short of the 15-minute Lambda limit. */
const DEFAULT_READ_TIMEOUT_SECONDS = 300;

export interface SmokeTestProps {
  readonly harnessArn: string;
  readonly harnessId: string;
  readonly qualifier: string;
  readonly prompt: string;
  readonly expectedPattern?: RegExp;
  readonly readTimeoutSeconds: number;
}

export function parseSmokeTestProps(raw: Record<string, unknown>): SmokeTestProps {
  const p = new Properties(SMOKE_TEST_TYPE, raw);
  const pattern = p.optional('ExpectedPattern');
  let expectedPattern: RegExp | undefined;
  if (pattern !== undefined) {
    try {
      expectedPattern = new RegExp(pattern);
    } catch (e) {
      throw new HandlerError(`${SMOKE_TEST_TYPE}: ExpectedPattern ${JSON.stringify(pattern)} is not a valid regular expression (${(e as Error).message})`);
    }
  }
  return {
    harnessArn: p.required('HarnessArn'),
    harnessId: p.required('HarnessId'),
    qualifier: p.optional('Qualifier') ?? DEFAULT_ENDPOINT_NAME,
    prompt: p.required('Prompt'),
    expectedPattern,
    readTimeoutSeconds: p.seconds('ReadTimeoutSeconds', DEFAULT_READ_TIMEOUT_SECONDS),
  };
}

/** onEvent Data key (merged into the isComplete request by the framework): nothing to invoke. */
export const ALREADY_PASSED = 'AlreadyPassed';

/**
 * The physical id hashes every property, so any change is a replacement: on rollback CloudFormation only
 * deletes the new resource and never re-invokes the agent. Inputs are validated here so a bad pattern fails
 * the deploy at once instead of after the wait.
 */
export function onSmokeTestEvent(event: OnEventRequest): OnEventResponse {
  const props = parseSmokeTestProps(event.ResourceProperties);
  const physicalId = smokeTestPhysicalId(props.harnessId, props.qualifier, event.ResourceProperties);
  // An Update whose properties hash to the id CloudFormation already holds: a test with exactly these
  // properties passed before (that is how the id was recorded). This is the rollback of a failed update of this
  // test (CloudFormation re-sends the old properties with the old id), so the agent is not invoked again.
  return physicalIdResponse(event, physicalId, ALREADY_PASSED, startedAtData());
}

