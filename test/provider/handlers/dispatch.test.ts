import { cfnEvent, completeEvent } from './events';
import { useEmulator } from './fixture';
import { handler as isComplete } from '../../../src/provider/is-complete.lambda';
import { handler as onEvent } from '../../../src/provider/on-event.lambda';

const ctx = useEmulator();

describe('dispatch on ResourceType', () => {
  test('an unknown type fails Create and Update with the types this provider handles', async () => {
    await expect(onEvent(cfnEvent('Create', 'Custom::Other', {}))).rejects.toThrow(
      'Unknown ResourceType "Custom::Other": this provider handles Custom::HarnessEndpointVersion and Custom::HarnessSmokeTest',
    );
    const update = cfnEvent('Update', 'Custom::Other', {}, { PhysicalResourceId: 'x' });
    await expect(onEvent(update)).rejects.toThrow(/Unknown ResourceType/);
    await expect(isComplete(completeEvent(update, 'x'))).rejects.toThrow(/Unknown ResourceType/);
  });

  test('Delete of an unknown type succeeds, so a stack can always be deleted', async () => {
    const event = cfnEvent('Delete', 'Custom::Other', {}, { PhysicalResourceId: 'Stack-Other-XYZ' });
    await expect(onEvent(event)).resolves.toEqual({ PhysicalResourceId: 'Stack-Other-XYZ' });
    await expect(isComplete(completeEvent(event, 'Stack-Other-XYZ'))).resolves.toEqual({ IsComplete: true });
    expect(ctx.emulator.requests).toHaveLength(0);
  });

  test('scalars given as numbers (not strings) are accepted as their string form', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 2, endpoints: [{ name: 'STAGING', liveVersion: '2' }] });
    const event = cfnEvent('Create', 'Custom::HarnessEndpointVersion', {}, {
      ResourceProperties: { HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 7, ExpectedVersion: 2 },
    });
    const created = await onEvent(event);
    await expect(isComplete(completeEvent(event, created.PhysicalResourceId!))).resolves.toEqual({ IsComplete: true, Data: { Version: '2' } });
  });

  test('a structured value where a scalar belongs fails with the property name', async () => {
    const event = cfnEvent('Create', 'Custom::HarnessEndpointVersion', {}, {
      ResourceProperties: { HarnessId: { Ref: 'x' }, SourceEndpoint: 'STAGING', PromotionId: '1' },
    });
    await expect(onEvent(event)).rejects.toThrow('Custom::HarnessEndpointVersion: property HarnessId must be a string, got {"Ref":"x"}');
  });
});
