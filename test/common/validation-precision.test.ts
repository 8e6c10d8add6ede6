import { Lazy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Harness, HarnessNetworkConfiguration } from '../../src';
import { characterLength, show, validateNumber, validateString } from '../../src/common/private/validation';
import { BEDROCK_MODEL, newHarness } from '../harness/helpers';
import { createTestApp, createTestStack } from '../support/app';

const EMOJI = '\u{1F600}';

describe('lengths count characters (code points) as the service does', () => {
  test('an emoji counts once', () => {
    expect(characterLength(EMOJI.repeat(3))).toBe(3);
    expect(() => validateString('p', EMOJI.repeat(4), { maxLength: 4 })).not.toThrow();
    expect(() => validateString('p', EMOJI.repeat(5), { maxLength: 4 })).toThrow('p: "' + EMOJI.repeat(5) + '" is 5 characters long; it must be at most 4');
  });

  test('a shortened value never splits a surrogate pair', () => {
    const shown = JSON.parse(show(EMOJI.repeat(200)));
    expect(shown.endsWith('...')).toBe(true);
    expect(Array.from(shown.slice(0, -3)).every(c => c === EMOJI)).toBe(true);
  });
});

describe('numbers', () => {
  test.each([[NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity']])('%s is named as such and refused', (value, name) => {
    expect(() => validateNumber('p', value, { min: 1 })).toThrow(`p: ${name} is not a finite number`);
  });

  test('maxIterations Infinity fails (it used to pass a min-only check)', () => {
    expect(() => newHarness({ maxIterations: Infinity })).toThrow('maxIterations: Infinity is not a finite number');
  });
});

describe('explicit harness names are unique per account and region', () => {
  test('two harnesses with the same name in one stack fail', () => {
    const stack = createTestStack();
    new Harness(stack, 'One', { model: BEDROCK_MODEL, harnessName: 'support_agent' });
    expect(() => new Harness(stack, 'Two', { model: BEDROCK_MODEL, harnessName: 'support_agent' }))
      .toThrow(/harnessName: "support_agent" is already the name of TestStack\/One in the same account and region/);
  });

  test('two stacks of one app in the same account and region fail; another region passes', () => {
    const app = createTestApp();
    new Harness(createTestStack(app, 'A'), 'H', { model: BEDROCK_MODEL, harnessName: 'support_agent' });
    expect(() => new Harness(createTestStack(app, 'B'), 'H', { model: BEDROCK_MODEL, harnessName: 'support_agent' }))
      .toThrow(/already the name of A\/H/);
    const west = createTestStack(app, 'West', { env: { account: '123456789012', region: 'us-west-2' } });
    expect(() => new Harness(west, 'H', { model: BEDROCK_MODEL, harnessName: 'support_agent' })).not.toThrow();
  });

  test('environment-agnostic stacks of one app are compared as one environment', () => {
    const app = createTestApp();
    new Harness(new Stack(app, 'A'), 'H', { model: BEDROCK_MODEL, harnessName: 'support_agent' });
    expect(() => new Harness(new Stack(app, 'B'), 'H', { model: BEDROCK_MODEL, harnessName: 'support_agent' })).toThrow(/already the name/);
  });
});

test('addEndpoint with a name the harness already has fails with the library\'s message', () => {
  const { harness } = newHarness();
  harness.addEndpoint('STAGING');
  expect(() => harness.addEndpoint('STAGING')).toThrow(/^endpointName: "STAGING" is already an endpoint of TestStack\/Harness/);
});

describe('EC2 ids follow the real format', () => {
  const network = (subnet: string, sg: string) => {
    const stack = createTestStack();
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a'], privateSubnetIds: [subnet] });
    return () => HarnessNetworkConfiguration.vpc(stack, { vpc, securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', sg)] });
  };
  test.each([
    ['subnet-1234567', 'sg-12345678', /network.vpcSubnets\[0\]: "subnet-1234567" does not match a subnet id/],
    ['subnet-ABCDEF12', 'sg-12345678', /network.vpcSubnets\[0\]/],
    ['subnet-0123456789abcdef', 'sg-12345678', /network.vpcSubnets\[0\]/],
    ['subnet-12345678', 'sg-1234567g', /network.securityGroups\[0\]: "sg-1234567g" does not match a security group id/],
    ['subnet-12345678', 'sg-0123456789ABCDEF0', /network.securityGroups\[0\]/],
  ])('%s / %s fails', (subnet, sg, message) => {
    expect(network(subnet, sg)).toThrow(message);
  });
  test.each([
    ['subnet-12345678', 'sg-12345678'],
    ['subnet-0123456789abcdef0', 'sg-0123456789abcdef0'],
  ])('%s / %s passes', (subnet, sg) => {
    expect(network(subnet, sg)).not.toThrow();
  });
});

test('a Lazy environment variable that resolves at synth is still checked for secrets', () => {
  expect(() => newHarness({ environmentVariables: { K: Lazy.string({ produce: () => '{{resolve:ssm-secure:/x:1}}' }) } }))
    .toThrow(/environmentVariables\.K: holds a secret/);
});

describe('durations name their unit', () => {
  test.each([
    [{ min: 3, max: 365, unit: 'days' }, 400, 'p: 400 days is out of range; it must be between 3 and 365 days'],
    [{ min: 1, integer: true, unit: 'seconds' }, 1.5, 'p: 1.5 seconds must be a whole number of seconds'],
  ])('%j', (rules, value, message) => {
    expect(() => validateNumber('p', value, rules)).toThrow(message);
  });
});
