import { parseArgs } from 'node:util';
import { regionPosture, postureTable, type KeyFacts, type PostureSource, type Resource } from '../posture/posture.js';
import { chooseRegions, isEmpty, mapLimit } from '../posture/regions.js';
import { AwsCallError, callJson, type Credentials } from './awsJson.js';

export const POSTURE_USAGE = `  logseal posture --endpoint URL [--region R[,R…]|all] [--json]   (credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)`;

/**
 * `logseal posture`: the encryption posture of log groups and anomaly detectors per region, as a table or JSON.
 * Exit code 0 when nothing is at risk, 1 when something is (for CI jobs), 2 when the command cannot run.
 */
export async function posture(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { endpoint: { type: 'string' }, region: { type: 'string' }, json: { type: 'boolean' } }, strict: true }));
  } catch (err) {
    process.stderr.write(`logseal: ${err instanceof Error ? err.message : String(err)}\nUsage:\n${POSTURE_USAGE}\n`);
    return 2;
  }
  const endpoint = values.endpoint ?? env.AWS_ENDPOINT_URL;
  if (!endpoint) {
    process.stderr.write(`logseal: posture needs --endpoint (or AWS_ENDPOINT_URL)\nUsage:\n${POSTURE_USAGE}\n`);
    return 2;
  }
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    process.stderr.write('logseal: posture signs its requests with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN)\n');
    return 2;
  }
  const creds: Credentials = { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN };
  const names = (values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1').split(',').map((r) => r.trim()).filter(Boolean);
  // `all`: every AWS region; those with no log group or detector are listed apart rather than as rows of zeros.
  const { regions, named } = chooseRegions(names);
  try {
    const all = await mapLimit(regions, 4, async (region) => regionPosture(await source(endpoint, region, creds)));
    const results = all.filter((p) => named.has(p.region) || !isEmpty(p));
    const emptyRegions = all.filter((p) => !results.includes(p)).map((p) => p.region);
    if (values.json) process.stdout.write(JSON.stringify({ regions: results, emptyRegions }, null, 2) + '\n');
    else process.stdout.write(postureTable(results, emptyRegions));
    return all.some((r) => r.atRisk > 0) ? 1 : 0;
  } catch (err) {
    const detail = err instanceof AwsCallError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
    process.stderr.write(`logseal: posture failed: ${detail}\n`);
    return 2;
  }
}

async function source(endpoint: string, region: string, creds: Credentials): Promise<PostureSource> {
  const call = (service: 'kms' | 'logs', op: string, input: unknown) => callJson(endpoint, region, creds, service, op, input);
  const resources: Resource[] = [];
  let token: string | undefined;
  do {
    const out = await call('logs', 'DescribeLogGroups', { nextToken: token });
    for (const g of out.logGroups ?? []) {
      resources.push({ kind: 'log-group', name: g.logGroupName, arn: g.logGroupArn ?? String(g.arn).replace(/:\*$/, ''), kmsKeyId: g.kmsKeyId });
    }
    token = out.nextToken;
  } while (token);
  do {
    const out = await call('logs', 'ListLogAnomalyDetectors', { nextToken: token });
    for (const d of out.anomalyDetectors ?? []) resources.push({ kind: 'anomaly-detector', name: d.detectorName ?? d.anomalyDetectorArn, arn: d.anomalyDetectorArn, kmsKeyId: d.kmsKeyId });
    token = out.nextToken;
  } while (token);
  const accountId = resources[0]?.arn.split(':')[4] ?? '';
  return {
    region,
    accountId,
    resources: async () => resources,
    key: async (keyArn): Promise<KeyFacts> => {
      let state: string | undefined;
      try {
        state = (await call('kms', 'DescribeKey', { KeyId: keyArn })).KeyMetadata?.KeyState;
      } catch (err) {
        if (err instanceof AwsCallError) return { error: err.code };
        throw err;
      }
      try {
        return { state, policy: (await call('kms', 'GetKeyPolicy', { KeyId: keyArn, PolicyName: 'default' })).Policy };
      } catch (err) {
        if (err instanceof AwsCallError) return { state };
        throw err;
      }
    },
  };
}
