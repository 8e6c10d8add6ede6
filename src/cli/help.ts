export const USAGE = `Usage: cdk-agentcore-harness <command> --harness <id|arn> [options]

Inspect and move the versions served by an Amazon Bedrock AgentCore harness's endpoints, or export a harness to CDK code.

Commands:
  status                               the harness and every endpoint with its live and target version
  versions                             every version, newest first, with the endpoints serving it
  promote --from <endpoint> --to <endpoint>
                                       point --to at the version --from serves now
  promote --from <endpoint> --to <endpoint> --evaluation-config <id|arn> --min-score <evaluator>=<0..1>
          [--min-score ...] [--window 24h] [--min-sessions 10] [--evaluation-log-group <name>]
                                       promote only if the source's online evaluation results over the
                                       window meet every minimum mean score, each over at least
                                       --min-sessions evaluated sessions (exit 7 with the figures if not)
  promote --to <endpoint> --version <N>
                                       point --to at version N
  rollback --endpoint <endpoint> [--to <N>]
                                       point the endpoint at N, or else at the highest READY version
                                       below the one it serves
  export --output <dir>                write a TypeScript CDK app that defines the harness and its named
                                       endpoints (pinned to the versions they serve); settings it cannot
                                       express are listed in app.ts and on stderr; secrets are never written
  doctor [--endpoint <endpoint>]       check the execution role (permissions, trust policy) and the
                                       gateways, memory, credential providers and endpoints the harness
                                       uses; read-only

Options:
  --harness <id|arn>   the harness (an ARN also sets the region)
  --region <region>    overrides the region (default: ARN region, then AWS_REGION / profile)
  --output <dir>       where export writes the app (a new or empty directory)
  --timeout <seconds>  hard deadline for the whole command, SDK retries included (default 600)
  --any-account        with an ARN of another account than the credentials', act on the harness with
                       that id in the credentials' account instead of refusing
  --json               print exactly one JSON document instead of text, errors included
  -h, --help           this help

promote and rollback wait until the endpoint is READY on the new version; pointing an endpoint at the
version it already serves changes nothing. DEFAULT always follows the latest version and cannot be moved.
Credentials, region and AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL come from the standard AWS SDK chain.

After waiting out a concurrent update, promote and rollback read the endpoint again before sending:
if it now serves the requested version nothing is sent; if another writer moved it, they stop (exit 7).

Exit codes: 0 success, 1 failure, 2 usage error, 3 harness/endpoint/version not found, 4 access denied,
5 a FAILED status (the reason is printed), 6 timed out (--timeout), 7 another writer moved the endpoint,
8 the harness ARN names another account than the credentials', 9 the evaluation gate refused (the figures
are printed); doctor: 10 something is missing, 11 nothing found missing but some checks could not be made
(the caller's missing permissions are printed).`;
