// The smallest useful agent: a Bedrock model, a system prompt, and the defaults for everything
// else (a least-privilege execution role, managed memory, the built-in shell and file tools).
// Invoke it after `cdk deploy` with the prompt "Plan a 5-day Tokyo itinerary".
import { App, Stack } from 'aws-cdk-lib';
import { Harness, HarnessModel, HarnessNagAcknowledgements, HarnessSystemPrompt } from '../../src';

export function build(app: App): void {
  const stack = new Stack(app, 'QuickStartStack', { env: { account: '123456789012', region: 'us-east-1' } });

  const agent = new Harness(stack, 'TravelPlanner', {
    model: HarnessModel.bedrock({ modelId: 'us.anthropic.claude-sonnet-4-6' }),
    systemPrompt: HarnessSystemPrompt.fromText(
      'You are a travel planner. When asked for an itinerary, such as a 5-day Tokyo itinerary, '
      + 'plan it day by day with neighbourhoods, sights, food and transport between them.'),
  });

  // Only for cdk-nag users: accept the wildcards the service needs on the execution role (see the helper).
  HarnessNagAcknowledgements.acknowledgeExecutionRoleWildcards(agent);
}

if (require.main === module) {
  // As in a new project's cdk.json: aws-cdk-lib's bundled CloudFormation validation fails the synth.
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  build(app);
  app.synth();
}
