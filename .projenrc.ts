import { awscdk, javascript } from 'projen';

// Pinned so that handler bundles, snapshots and benchmarks are reproducible.
const SDK_CONTROL = '@aws-sdk/client-bedrock-agentcore-control@3.1142.0';
const SDK_DATA = '@aws-sdk/client-bedrock-agentcore@3.1141.0';
// Clients the CLI and the custom-resource handlers call besides AgentCore: IAM (doctor's role simulation),
// STS (the caller's account), X-Ray and CloudWatch Logs (Transaction Search), CloudWatch (evaluation scores),
// CloudFormation (the promotion handler tells a rollback from a promotion by the stack's status).
// Bundled like the AgentCore clients, so they stay devDependencies.
const SDK_OTHERS = ['iam', 'sts', 'xray', 'cloudwatch-logs', 'cloudwatch', 'cloudformation'].map((name) => `@aws-sdk/client-${name}@3.1142.0`);

// The Lambda runtime's built-in SDK may predate the harness commands, so the SDK is bundled
// (externals: []). Minified ESM entry points keep the isComplete bundle under 500 KB
// (1.7 MB unminified; see `npx projen bench:handlers`). projen passes these options straight
// through to its bundler, whose type has `minify`/`mainFields` although BundlingOptions does not.
const handlerBundling: javascript.BundlingOptions & Pick<javascript.AddBundleOptions, 'minify' | 'mainFields'> = {
  externals: [],
  sourcemap: false,
  minify: true,
  mainFields: ['module', 'main'],
};

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-agentcore-harness',
  description:
    'AWS CDK L2/L3 constructs for Amazon Bedrock AgentCore harness: agents, versions, endpoints and STAGING→PROD promotion.',
  author: 'cdk-agentcore-harness developers',
  authorAddress: 'dev@cdk-agentcore-harness.local',
  repositoryUrl: 'https://github.com/cdk-agentcore-harness/cdk-agentcore-harness.git',
  keywords: ['cdk', 'aws-cdk', 'bedrock', 'agentcore', 'harness', 'agents'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  cdkVersion: '2.276.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  // TypeScript 7 (the native port) has no compiler API for ts-jest and ts-node.
  typescriptVersion: '~5.9.0',
  minNodeVersion: '20.0.0',

  // No runtime dependencies: handler and CLI code is bundled with esbuild at build time.
  deps: [],
  devDeps: [
    SDK_CONTROL,
    SDK_DATA,
    ...SDK_OTHERS,
    '@types/aws-lambda',
    'cdk-nag@3.0.2',
    // integ-tests-alpha lags aws-cdk-lib; ^2.276.0-alpha.0 does not resolve.
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@2.197.10',
    // Peer benchmarked against in bench/; never imported from src/.
    '@aws/agentcore-cdk@0.1.0-alpha.45',
  ],

  lambdaOptions: {
    runtime: awscdk.LambdaRuntime.NODEJS_24_X,
    bundlingOptions: handlerBundling,
  },

  jestOptions: {
    // Jest 30's resolver depends on unrs-resolver (see the eslint pin below for why that breaks `npm ci`).
    jestVersion: '^29',
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      snapshotSerializers: ['<rootDir>/test/support/asset-hash-serializer.js'],
      testTimeout: 60_000,
      maxWorkers: 2,
      collectCoverage: false,
    },
  },

  gitignore: ['cdk.out/', '*.cdk.out/', 'examples/cdk.out/', 'bench/out/', '.emulator/'],
  // Contributor material stays in the repository; users read README.md, API.md and docs/.
  npmIgnoreOptions: { ignorePatterns: ['/examples/', '/bench/', '/scripts/', '/.ci/', '/CONTRIBUTING.md'] },

  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'scripts', 'projenrc', '.projenrc.ts'],
    ignorePatterns: [
      '*.js', '*.d.ts', 'node_modules/', '*.generated.ts', 'coverage',
      '!.projenrc.ts', '!projenrc/**/*.ts',
      // Generated output (git-ignored).
      'cdk.out/', 'examples/cdk.out/', 'bench/out/', 'test/**/*.snapshot/',
    ],
  },

  // For jsii projects projen writes the dev config to test/tsconfig.json, so paths are relative to test/.
  tsconfigDev: {
    include: ['../examples/**/*.ts', '../bench/**/*.ts', '../scripts/**/*.ts'],
    compilerOptions: {},
  },

  githubOptions: { mergify: false },
  buildWorkflow: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
});

// Projen's eslint setup adds this resolver unpinned; 3.6.3 is the last release before it pulled
// in unrs-resolver, whose optional platform packages make npm 11 write a lock that `npm ci` rejects.
project.deps.removeDependency('eslint-import-resolver-typescript');
project.addDevDeps('eslint-import-resolver-typescript@3.6.3');

// The CLI ships as the package's bin, bundled with its SDK so it adds no runtime dependency.
project.bundler.addBundle('src/cli/main.ts', {
  platform: 'node',
  target: 'node20',
  externals: [],
  sourcemap: false,
  minify: true,
  mainFields: ['module', 'main'],
  executable: true,
});
project.addBins({ 'cdk-agentcore-harness': 'assets/cli/main/index.js' });

// Service-layer, handler and CLI code imports the SDK from devDependencies on purpose: esbuild inlines it.
project.eslint?.addOverride({
  files: ['src/**/*.lambda.ts', 'src/service/**/*.ts', 'src/provider/handlers/**/*.ts', 'src/cli/**/*.ts'],
  rules: { 'import/no-extraneous-dependencies': ['error', { devDependencies: true, optionalDependencies: false, peerDependencies: true }] },
});

// Tests exercise the bundled handlers and CLI, so a clean checkout must bundle first.
const bundle = project.tasks.tryFind('bundle');
if (bundle) {
  project.testTask.prependSpawn(bundle);
}

project.addTask('synth:examples', {
  description: 'Synthesize every example app under examples/ and print each stack with its resource count',
  // Type-checking dominated the run (21 s vs 6 s for one example); tsc checks examples in the tests.
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/synth-examples.ts',
});

// integ-runner 2.197.10 cannot read aws-cdk-lib 2.276.0's cloud-assembly schema 55, so the offline
// snapshot check of test/**/integ.*.ts runs through our own script (see its header).
project.addTask('integ', {
  description: 'Verify the integration-test snapshots offline (synthesize test/**/integ.*.ts and compare with <file>.snapshot/)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/integ-snapshots.ts',
  receiveArgs: true,
});

project.addTask('integ:update', {
  description: 'Rewrite the integration-test snapshots offline (no deploy)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/integ-snapshots.ts --update',
  receiveArgs: true,
});

project.addTask('bench:handlers', {
  description: 'Size and cold require time of the handler and CLI bundles',
  exec: 'ts-node --transpile-only --project test/tsconfig.json bench/handler-bench.ts',
}).prependSpawn(project.tasks.tryFind('bundle')!);

// Examples and integration tests reference the bundled handlers (assets/), so on a fresh clone
// `npm ci && npx projen synth:examples` must bundle first.
for (const name of ['synth:examples', 'integ', 'integ:update']) {
  const task = project.tasks.tryFind(name);
  if (bundle && task) {
    task.prependSpawn(bundle);
  }
}

project.addTask('bench', {
  description: 'Synthesis benchmark: this library versus a raw CfnHarness baseline',
  exec: 'ts-node --transpile-only --project test/tsconfig.json bench/synth-bench.ts',
  env: { CDK_VALIDATION: 'false' },
});

project.synth();
