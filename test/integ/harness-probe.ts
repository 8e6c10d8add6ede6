// The Lambda the integration tests' assertions invoke (see harness-probe.handler.ts for why).
import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { IHarness } from '../../src';

const ROOT = path.resolve(__dirname, '..', '..');

export interface HarnessProbeProps {
  readonly harness: IHarness;
}

export class HarnessProbe extends Construct {
  public readonly function: lambda.IFunction;

  constructor(scope: Construct, id: string, props: HarnessProbeProps) {
    super(scope, id);
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: path.join(__dirname, 'harness-probe.handler.ts'),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      // A first invocation starts a session microVM; well above that, below the assertion provider's wait.
      timeout: Duration.minutes(2),
      memorySize: 256,
      projectRoot: ROOT,
      depsLockFilePath: path.join(ROOT, 'package-lock.json'),
      // Bundle the pinned SDK clients: the runtime's built-in SDK may predate the harness commands.
      bundling: { externalModules: [], minify: true, sourceMap: false, target: 'node22' },
    });
    props.harness.grants.actions(this.function, 'bedrock-agentcore:GetHarness', 'bedrock-agentcore:GetHarnessEndpoint');
    props.harness.grantInvoke(this.function);
  }
}
