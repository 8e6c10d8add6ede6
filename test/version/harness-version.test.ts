import { Lazy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EndpointVersionPolicy, HarnessVersion } from '../../src';
import { endpointResource, getAtt, harnessStack, importedHarness, onlyId } from '../endpoint/support';

describe('HarnessVersion', () => {
  test('the current version of a harness in this app is its Version attribute', () => {
    const { stack, harness } = harnessStack();
    const current = harness.currentVersion;
    expect(current.isCurrentVersion).toBe(true);
    expect(current.harness).toBe(harness);
    expect(stack.resolve(current.version)).toEqual(getAtt(onlyId(Template.fromStack(stack), 'AWS::BedrockAgentCore::Harness'), 'Version'));
  });

  test('harness.currentVersion is the same reference each time', () => {
    const { stack, harness } = harnessStack();
    expect(stack.resolve(harness.currentVersion.version)).toEqual(stack.resolve(harness.currentVersion.version));
    expect(harness.currentVersion.isCurrentVersion).toBe(true);
  });

  test('a given number is kept as a string', () => {
    const { harness } = harnessStack();
    const v = HarnessVersion.of(harness, '42');
    expect(v.version).toBe('42');
    expect(v.isCurrentVersion).toBe(false);
    expect(HarnessVersion.of(harness, '99999').version).toBe('99999');
    expect(HarnessVersion.of(harness, '1').version).toBe('1');
  });

  test.each(['0', '01', '100000', 'v3', '', '3.0', ' 3', '-1'])('fails for version %j', (version) => {
    const { harness } = harnessStack();
    expect(() => HarnessVersion.of(harness, version)).toThrow(/^version: .* does not match a version number from 1 to 99999/);
  });

  test('a token version is accepted and checked at deploy time', () => {
    const { stack, harness } = harnessStack();
    const v = HarnessVersion.of(harness, Lazy.string({ produce: () => '7' }));
    expect(stack.resolve(v.version)).toBe('7');
  });

  test('references a version of an imported harness', () => {
    const { stack } = harnessStack();
    const legacy = importedHarness(stack);
    const v = HarnessVersion.of(legacy, '3');
    expect(v.harness).toBe(legacy);
    expect(v.version).toBe('3');
    expect(() => HarnessVersion.of(legacy, '0')).toThrow(/version: "0"/);
  });

  test('fails for the current version of an imported harness', () => {
    const { stack } = harnessStack();
    expect(() => HarnessVersion._currentVersionOf(importedHarness(stack))).toThrow(/^harness: .*Imported is imported.*HarnessVersion.of/);
  });

  test('a pinned version renders as the endpoint\'s TargetVersion', () => {
    const { stack, harness } = harnessStack();
    harness.addEndpoint('LIVE', { version: EndpointVersionPolicy.pinned(HarnessVersion.of(harness, '12')) });
    expect(endpointResource(Template.fromStack(stack), 'LIVE').resource.Properties.TargetVersion).toBe('12');
  });
});
