import { App, AppProps, Stack, StackProps } from 'aws-cdk-lib';

/**
 * Every test synthesizes with aws-cdk-lib's bundled CloudFormation validation
 * turned to errors, so a template that the current registry schemas reject
 * fails the test. Pass `validate: false` only for tests that measure something else.
 */
export function createTestApp(props: AppProps & { validate?: boolean } = {}): App {
  const { validate = true, ...appProps } = props;
  return new App({
    ...appProps,
    context: {
      '@aws-cdk/core:validateAgainstDefaultRules': validate,
      ...appProps.context,
    },
  });
}

/** A stack in a fixed account and region, so ARNs in assertions are literal. */
export function createTestStack(app: App = createTestApp(), id = 'TestStack', props: StackProps = {}): Stack {
  return new Stack(app, id, {
    env: { account: '123456789012', region: 'us-east-1' },
    ...props,
  });
}
