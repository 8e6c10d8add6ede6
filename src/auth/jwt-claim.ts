import { Token } from 'aws-cdk-lib';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HarnessValidationError } from '../common/private/errors';
import { validateListLength, validateString } from '../common/private/validation';

// As published (note `.-:` is a character range: . / 0-9 :).
const CLAIM_NAME = /^[A-Za-z0-9_.-:]+$/;
const CLAIM_VALUE = /^[A-Za-z0-9_.-]+$/;

/**
 * A check on a custom claim of the caller's JWT. Use the static factories; each
 * picks the claim type and match operator that belong together.
 */
export abstract class HarnessJwtClaim {
  /** The claim is a string equal to `value` (operator EQUALS). */
  public static stringEquals(claimName: string, value: string): HarnessJwtClaim {
    return new Claim(claimName, 'STRING', 'EQUALS', value, undefined);
  }

  /** The claim is a list of strings that contains `value` (operator CONTAINS). */
  public static arrayContains(claimName: string, value: string): HarnessJwtClaim {
    return new Claim(claimName, 'STRING_ARRAY', 'CONTAINS', value, undefined);
  }

  /** The claim is a list of strings that contains at least one of `values` (operator CONTAINS_ANY). */
  public static arrayContainsAny(claimName: string, values: string[]): HarnessJwtClaim {
    return new Claim(claimName, 'STRING_ARRAY', 'CONTAINS_ANY', undefined, values);
  }

  /** @internal */
  public abstract _render(path: string): CfnHarness.CustomClaimValidationTypeProperty;
}

class Claim extends HarnessJwtClaim {
  constructor(
    private readonly name: string,
    private readonly valueType: string,
    private readonly operator: string,
    private readonly value: string | undefined,
    private readonly values: string[] | undefined,
  ) {
    super();
  }

  public _render(path: string): CfnHarness.CustomClaimValidationTypeProperty {
    validateString(`${path}.claimName`, this.name, {
      minLength: 1, maxLength: 255, pattern: CLAIM_NAME, patternDescription: 'letters, digits and _ . - / :',
    });
    const valueRules = { minLength: 1, maxLength: 255, pattern: CLAIM_VALUE, patternDescription: 'letters, digits and _ . -' };
    validateString(`${path}.value`, this.value, valueRules);
    if (this.values !== undefined && !Token.isUnresolved(this.values)) {
      validateListLength(`${path}.values`, this.values, 1);
      this.values.forEach((v, i) => validateString(`${path}.values[${i}]`, v, valueRules));
    }
    if (this.value === undefined && this.values === undefined) {
      throw new HarnessValidationError(path, 'needs a value to match');
    }
    return {
      inboundTokenClaimName: this.name,
      inboundTokenClaimValueType: this.valueType,
      authorizingClaimMatchValue: {
        claimMatchOperator: this.operator,
        claimMatchValue: this.value !== undefined ? { matchValueString: this.value } : { matchValueStringList: this.values },
      },
    };
  }
}
