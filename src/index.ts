// The public API, one group per concept. Everything not exported here is internal (a private/ folder, the
// service layer, the CLI or the custom-resource handlers).

// harness
export * from './harness/harness-base';
export * from './harness/harness';
export * from './harness/harness-props';
export * from './harness/harness-grants';
export * from './harness/system-prompt';
export * from './harness/truncation';

// credentials
export * from './credentials/harness-api-key';

// model
export * from './model/harness-model';
export * from './model/model-options';
export * from './model/api-format';

// tools
export * from './tools/harness-tool';
export * from './tools/gateway-outbound-auth';
export * from './tools/remote-mcp-header';

// skills
export * from './skills/harness-skill';

// memory
export * from './memory/harness-memory';

// hooks
export * from './hooks/harness-hook';
export * from './hooks/hook-target';

// environment
export * from './environment/container-image';
export * from './environment/filesystem';
export * from './environment/network';

// auth
export * from './auth/harness-authorizer';
export * from './auth/jwt-claim';
export * from './auth/private-endpoint';

// version
export * from './version/harness-version';

// endpoint
export * from './endpoint/harness-endpoint-base';
export * from './endpoint/harness-endpoint';
export * from './endpoint/harness-endpoint-grants';
export * from './endpoint/endpoint-version-policy';

// smoke-test
export * from './smoke-test/harness-smoke-test';

// pipelines
export * from './pipelines/harness-promotion-step';
export * from './pipelines/promotion-evaluation-gate';

// stepfunctions
export * from './stepfunctions/invoke-harness';
export * from './stepfunctions/invoke-harness-session-id';

// evaluation
export * from './evaluation/harness-online-evaluation';

// monitoring
export * from './monitoring/harness-monitoring';

// observability
export * from './observability/transaction-search';

// nag
export * from './nag/harness-nag-acknowledgements';
