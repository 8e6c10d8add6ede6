import { Duration } from 'aws-cdk-lib';
import { HarnessProps } from '../harness-props';
import { validateTags } from './harness-render';
import { HARNESS_NAME } from '../../common/private/arn-patterns';
import { HarnessValidationError } from '../../common/private/errors';
import { validateNumber, validateString, validateStringMap } from '../../common/private/validation';

/** The constructor-time checks of the harness's own props (options validate themselves). */
export function validateProps(props: HarnessProps): void {
  validateString('harnessName', props.harnessName, {
    pattern: HARNESS_NAME,
    patternDescription: '1 to 40 characters: a letter, then letters, digits or _ (no hyphens)',
  });
  props.model._validate('model');
  (props.additionalModels ?? []).forEach((m, i) => m._validate(`additionalModels[${i}]`));
  validateNumber('maxIterations', props.maxIterations, { min: 1, integer: true });
  validateNumber('maxTokens', props.maxTokens, { min: 1, integer: true });
  validateWholeSeconds('timeout', props.timeout);
  validateStringMap('environmentVariables', props.environmentVariables, {
    maxEntries: 50,
    key: { minLength: 1, maxLength: 100 },
    value: { maxLength: 5000 },
  });
  if (props.tags) validateTags('tags', props.tags);
}

function validateWholeSeconds(property: string, duration: Duration | undefined): void {
  if (duration === undefined || duration.isUnresolved()) return;
  const millis = duration.toMilliseconds();
  if (millis % 1000 !== 0 || millis < 1000) {
    throw new HarnessValidationError(property, `${millis / 1000} seconds must be a whole number of seconds, at least 1 second`);
  }
}
