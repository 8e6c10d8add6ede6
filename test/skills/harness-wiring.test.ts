import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { HarnessApiKey, HarnessMemory, HarnessSkill } from '../../src';
import { newHarness } from '../harness/helpers';
import { createTestStack } from '../support/app';
import { optionStatements } from '../support/option-statements';

const API_KEY_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/github';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bedrock-agentcore-identity!default/apikey/github-AbCdEf';
const arn = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });

describe('Harness with skills', () => {
  test('aws, git with credential, s3 and path skills render and grant exactly their permissions', () => {
    const stack = createTestStack();
    const credential = agentcore.ApiKeyCredentialProvider.fromApiKeyCredentialProviderAttributes(stack, 'Cred', {
      credentialProviderArn: API_KEY_ARN, apiKeySecretArn: SECRET_ARN,
    });
    const { harness } = newHarness({
      memory: HarnessMemory.disabled(),
      skills: [HarnessSkill.aws(['core-skills/*']), HarnessSkill.fromGitRepository('https://github.com/acme/skills', { credential: HarnessApiKey.fromCredentialProvider(credential), path: 'pdf' })],
    }, stack);
    harness.addSkill(HarnessSkill.fromBucket(s3.Bucket.fromBucketName(stack, 'B', 'team-skills'), 'weather/'));
    harness.addSkill(HarnessSkill.fromContainerPath('/opt/skills/local'));
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Skills: [
        { AwsSkills: { Paths: ['core-skills/*'] } },
        { Git: { Url: 'https://github.com/acme/skills', Path: 'pdf', Auth: { CredentialArn: API_KEY_ARN } } },
        { S3: { Uri: 's3://team-skills/weather/' } },
        { Path: '/opt/skills/local' },
      ],
    });
    // All in the inline policy, in the order the skills were bound; the credential's
    // secret is the given one, not every identity secret.
    expect(optionStatements(stack)).toEqual([
      {
        Effect: 'Allow',
        Action: 'bedrock-agentcore:GetResourceApiKey',
        Resource: [
          API_KEY_ARN,
          arn(':bedrock-agentcore:us-east-1:123456789012:token-vault/default'),
          arn(':bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider'),
          arn(':bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default'),
          arn(':bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/*'),
        ],
      },
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: SECRET_ARN },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: arn(':s3:::team-skills/weather/*') },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: arn(':s3:::team-skills'), Condition: { StringLike: { 's3:prefix': ['weather/*'] } } },
    ]);
  });

  test('an asset skill is copied before the harness is created or updated', () => {
    const { stack } = newHarness({
      memory: HarnessMemory.disabled(),
      skills: [HarnessSkill.fromAsset(path.join(__dirname, 'fixtures', 'weather-skill'))],
    });
    const template = Template.fromStack(stack);
    const deploymentId = template.getResourceId('Custom::CDKBucketDeployment');
    const harnessId = template.getResourceId('AWS::BedrockAgentCore::Harness');
    expect(template.toJSON().Resources[harnessId].DependsOn).toContain(deploymentId);
    const bucketId = template.getResourceId('AWS::S3::Bucket');
    const prefix = template.toJSON().Resources[deploymentId].Properties.DestinationBucketKeyPrefix;
    expect(optionStatements(stack)).toEqual([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${prefix}*`]] } },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] }, Condition: { StringLike: { 's3:prefix': [`${prefix}*`] } } },
    ]);
  });
});
