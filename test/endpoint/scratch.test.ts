import { Template } from 'aws-cdk-lib/assertions';
import { EndpointVersionPolicy } from '../../src';
import { newHarness } from '../harness/helpers';

test('scratch', () => {
  const { stack, harness } = newHarness();
  const staging = harness.addEndpoint('STAGING');
  staging.addSmokeTest('Smoke', { prompt: 'hi', expectedPattern: 'hello' });
  harness.addEndpoint('PROD', { version: EndpointVersionPolicy.promotedFrom(staging) });
  const t = Template.fromStack(stack).toJSON();
  for (const [id, r] of Object.entries<any>(t.Resources)) {
    if (r.Type.startsWith('AWS::BedrockAgentCore::HarnessEndpoint') || r.Type.startsWith('Custom') || r.Type === 'AWS::IAM::Policy') {
      console.log(id, JSON.stringify(r, null, 1));
    }
  }
  console.log(Object.keys(t.Resources).join('\n'));
});
