import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Harness, HarnessModel, HarnessProps, HarnessSystemPrompt, IHarness } from '../../src';
import { createTestApp, createTestStack } from '../support/app';

export const MODEL = HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6' });

export const IMPORTED_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:harness/legacy_agent-a1B2c3D4e5';

/** A stack with one harness (construct id `Harness`) built through createTestApp(). */
export function harnessStack(props: Partial<HarnessProps> = {}, app: App = createTestApp()): { app: App; stack: Stack; harness: Harness } {
  const stack = createTestStack(app);
  const harness = new Harness(stack, 'Harness', { model: MODEL, ...props });
  return { app, stack, harness };
}

export function importedHarness(stack: Stack, id = 'Imported'): IHarness {
  return Harness.fromHarnessArn(stack, id, IMPORTED_ARN);
}

export const PROMPT_V1 = HarnessSystemPrompt.fromText('You answer questions about orders.');
export const PROMPT_V2 = HarnessSystemPrompt.fromText('You answer questions about orders and returns.');

/** The logical id of the only resource of a type (fails the test when there is not exactly one). */
export function onlyId(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return ids[0];
}

/** The resource of a type whose properties have `EndpointName: name`. */
export function endpointResource(template: Template, name: string): { id: string; resource: any } {
  const all = template.findResources('AWS::BedrockAgentCore::HarnessEndpoint', { Properties: { EndpointName: name } });
  const ids = Object.keys(all);
  if (ids.length !== 1) throw new Error(`expected one endpoint ${name}, found ${ids.length}`);
  return { id: ids[0], resource: all[ids[0]] };
}

export function getAtt(id: string, attribute: string): any {
  return { 'Fn::GetAtt': [id, attribute] };
}

/** A second harness in the same stack. */
export function otherHarness(stack: Stack, id = 'Other'): Harness {
  return new Harness(stack, id, { model: MODEL });
}
