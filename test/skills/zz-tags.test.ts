import * as path from 'path';
import { Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HarnessMemory, HarnessSkill } from '../../src';
import { newHarness } from '../harness/helpers';
test('tags', () => {
  const { stack } = newHarness({ memory: HarnessMemory.disabled(), skills: [HarnessSkill.fromAsset(path.join(__dirname, 'fixtures', 'weather-skill'))] });
  Tags.of(stack).add('team', 'agents');
  const t = Template.fromStack(stack);
  console.log(JSON.stringify(Object.values(t.findResources('AWS::S3::Bucket'))[0].Properties.Tags));
  console.log(JSON.stringify(Object.values(t.findResources('AWS::BedrockAgentCore::Harness'))[0].Properties.Tags));
});
