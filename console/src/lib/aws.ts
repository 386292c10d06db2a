import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Session } from './session.js';

/** The AWS SDK v3 clients the console talks through; every call is signed with the signed-in credentials. */
export interface Aws {
  readonly session: Session;
  readonly kms: KMSClient;
  readonly logs: CloudWatchLogsClient;
  readonly iam: IAMClient;
  readonly sts: STSClient;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

function clientConfig(creds: Credentials, region: string) {
  // The API is the server that served this page; no retries, so a person sees each error as it happened.
  return { endpoint: window.location.origin, region, credentials: creds, maxAttempts: 1 };
}

export function createAws(session: Session): Aws {
  const creds = { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey };
  const config = clientConfig(creds, session.region);
  return {
    session,
    kms: new KMSClient(config),
    // StartLiveTail's endpoint prefix (`stream-<host>`) would name a host that is not this server.
    logs: new CloudWatchLogsClient({ ...config, disableHostPrefix: true }),
    // IAM is global: AWS signs it for us-east-1 whatever the console's region.
    iam: new IAMClient(clientConfig(creds, 'us-east-1')),
    sts: new STSClient(config),
  };
}

/** Checks credentials the way the AWS CLI's `sts get-caller-identity` does, and learns the account. */
export async function whoAmI(creds: Credentials, region: string): Promise<{ accountId: string; arn: string }> {
  const sts = new STSClient(clientConfig(creds, region));
  const out = await sts.send(new GetCallerIdentityCommand({}));
  return { accountId: out.Account ?? '', arn: out.Arn ?? '' };
}
