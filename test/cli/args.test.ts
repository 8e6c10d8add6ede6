import { parseArgs } from '../../src/cli/args';
import { parseHarnessRef, parseVersion } from '../../src/cli/harness-ref';

describe('argument parsing', () => {
  test('takes a command and --flag value / --flag=value / switches in any order', () => {
    expect(parseArgs(['--json', 'promote', '--to=PROD', '--from', 'STAGING'])).toEqual({
      command: 'promote', flags: { json: true, to: 'PROD', from: 'STAGING' },
    });
    expect(parseArgs(['-h']).flags.help).toBe(true);
  });

  test('rejects a missing value, a repeated flag, a second command and unknown options', () => {
    expect(() => parseArgs(['status', '--harness'])).toThrow('--harness needs a value');
    expect(() => parseArgs(['status', '--harness', '--json'])).toThrow('--harness needs a value');
    expect(() => parseArgs(['status', '--to', 'A', '--to', 'B'])).toThrow('--to was given twice');
    expect(() => parseArgs(['status', 'versions'])).toThrow('Unexpected argument "versions"');
    expect(() => parseArgs(['status', '--json=yes'])).toThrow('--json takes no value');
    expect(() => parseArgs(['status', '--force'])).toThrow('Unknown option --force');
  });

  test('a harness ARN yields its id, region and account; a bare id has neither', () => {
    expect(parseHarnessRef('arn:aws:bedrock-agentcore:eu-west-1:123456789012:harness/my_agent-a1B2c3D4e5'))
      .toEqual({ harnessId: 'my_agent-a1B2c3D4e5', region: 'eu-west-1', account: '123456789012' });
    expect(parseHarnessRef('my_agent-a1B2c3D4e5')).toEqual({ harnessId: 'my_agent-a1B2c3D4e5', region: undefined, account: undefined });
    expect(() => parseHarnessRef('my_agent')).toThrow(/neither a harness id/);
  });

  test('versions are 1-99999 without leading zeros', () => {
    expect(parseVersion('version', '12')).toBe('12');
    expect(() => parseVersion('version', '012')).toThrow('--version "012" is not a version number');
    expect(() => parseVersion('version', 'v2')).toThrow(/not a version number/);
  });
});
