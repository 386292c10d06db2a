/**
 * AWS managed keys: the keys AWS creates in an account for a service (`alias/aws/s3`, `alias/aws/ebs`, …). KMS lists
 * their predefined aliases in every account and Region (ListAliases, without `TargetKeyId` while the key does not
 * exist); the first request that names one (DescribeKey, or a cryptographic operation a service makes) creates the
 * key, with AWS's managed-key policy: the key is usable only through its service (`kms:ViaService`) by principals of
 * the account, and the account may read its metadata directly. The policy cannot be changed, the key cannot be
 * deleted or disabled (the policy allows none of it), and it rotates every year.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { generateKeyMaterialAsync } from './crypto/keys.js';
import type { KmsCore } from './core.js';
import { keyArn } from './keyRefs.js';
import type { AliasRecord, KmsKey } from './model.js';

const DAY_MS = 86_400_000;

interface ManagedKeyService {
  /** The service endpoint prefix of `kms:ViaService` (`ec2` for EBS). */
  endpoint: string;
  /** How the service is named in the policy statement. */
  name: string;
  /** What the key protects, as the key's description says it. */
  protects: string;
}

/**
 * The predefined aliases a new account lists (the set AWS shows, as recorded by moto's KMS implementation), plus
 * those of the services logseal serves (`logs`, `kinesis`). The descriptions of EBS, S3 and Lambda keys are AWS's;
 * the others follow the same wording (AWS's exact text for them was not found).
 */
export const PREDEFINED_ALIASES: ReadonlyMap<string, ManagedKeyService> = new Map([
  ['alias/aws/acm', { endpoint: 'acm', name: 'ACM', protects: 'ACM private keys' }],
  ['alias/aws/dynamodb', { endpoint: 'dynamodb', name: 'DynamoDB', protects: 'DynamoDB tables' }],
  ['alias/aws/ebs', { endpoint: 'ec2', name: 'EBS', protects: 'EBS volumes' }],
  ['alias/aws/elasticfilesystem', { endpoint: 'elasticfilesystem', name: 'EFS', protects: 'EFS filesystems' }],
  ['alias/aws/es', { endpoint: 'es', name: 'Elasticsearch', protects: 'Elasticsearch domains' }],
  ['alias/aws/glue', { endpoint: 'glue', name: 'Glue', protects: 'Glue data' }],
  ['alias/aws/kinesis', { endpoint: 'kinesis', name: 'Kinesis', protects: 'Kinesis data' }],
  ['alias/aws/kinesisvideo', { endpoint: 'kinesisvideo', name: 'Kinesis Video Streams', protects: 'Kinesis Video Streams data' }],
  ['alias/aws/lambda', { endpoint: 'lambda', name: 'Lambda', protects: 'Lambda functions' }],
  ['alias/aws/logs', { endpoint: 'logs', name: 'CloudWatch Logs', protects: 'CloudWatch Logs data' }],
  ['alias/aws/rds', { endpoint: 'rds', name: 'RDS', protects: 'RDS database volumes' }],
  ['alias/aws/redshift', { endpoint: 'redshift', name: 'Redshift', protects: 'Redshift data' }],
  ['alias/aws/s3', { endpoint: 's3', name: 'S3', protects: 'S3 objects' }],
  ['alias/aws/secretsmanager', { endpoint: 'secretsmanager', name: 'Secrets Manager', protects: 'Secrets Manager secrets' }],
  ['alias/aws/ssm', { endpoint: 'ssm', name: 'SSM', protects: 'SSM parameters' }],
  ['alias/aws/xray', { endpoint: 'xray', name: 'X-Ray', protects: 'X-Ray data' }],
]);

export function isPredefinedAlias(aliasName: string): boolean {
  return PREDEFINED_ALIASES.has(aliasName);
}

/** The key policy AWS gives an AWS managed key, formatted as KMS returns it. */
export function managedKeyPolicy(accountId: string, region: string, aliasName: string): string {
  const svc = PREDEFINED_ALIASES.get(aliasName);
  if (!svc) throw new Error(`${aliasName} is not a predefined alias`);
  const short = aliasName.slice('alias/aws/'.length);
  return `{
  "Version" : "2012-10-17",
  "Id" : "auto-${short}-2",
  "Statement" : [ {
    "Sid" : "Allow access through ${svc.name} for all principals in the account that are authorized to use ${svc.name}",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "*"
    },
    "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey" ],
    "Resource" : "*",
    "Condition" : {
      "StringEquals" : {
        "kms:ViaService" : "${svc.endpoint}.${region}.amazonaws.com",
        "kms:CallerAccount" : "${accountId}"
      }
    }
  }, {
    "Sid" : "Allow direct access to key metadata to the account",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::${accountId}:root"
    },
    "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant" ],
    "Resource" : "*"
  } ]
}`;
}

/** Creations in progress, so that concurrent first uses of an alias make one key. */
const creating = new WeakMap<KmsCore, Map<string, Promise<string>>>();

/**
 * The id of the AWS managed key behind a predefined alias of (account, region), created (key, material, alias) if it
 * does not exist yet.
 */
export function ensureManagedKey(core: KmsCore, accountId: string, region: string, aliasName: string): Promise<string> {
  let inFlight = creating.get(core);
  if (!inFlight) creating.set(core, (inFlight = new Map()));
  const k = `${accountId}/${region}/${aliasName}`;
  const pending = inFlight.get(k);
  if (pending) return pending;
  const p = createManagedKey(core, accountId, region, aliasName).finally(() => inFlight.delete(k));
  inFlight.set(k, p);
  return p;
}

async function createManagedKey(core: KmsCore, accountId: string, region: string, aliasName: string): Promise<string> {
  const existing = await core.store.kms.getAlias(accountId, region, aliasName);
  if (existing) return existing.targetKeyId;
  const svc = PREDEFINED_ALIASES.get(aliasName)!;
  const now = core.clock.now();
  const keyId = randomUUID();
  const key: KmsKey = {
    accountId,
    region,
    keyId,
    arn: keyArn(region, accountId, keyId),
    description: `Default master key that protects my ${svc.protects} when no other key is defined`,
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    keyManager: 'AWS',
    state: 'Enabled',
    createdAt: now,
    // AWS managed keys rotate every year, and nobody can change that.
    rotation: { enabled: true, periodDays: 365, nextRotation: now + 365 * DAY_MS, onDemandCount: 0 },
    policy: managedKeyPolicy(accountId, region, aliasName),
    policyVersion: 1,
    tags: [],
    aliases: [aliasName],
    version: 0,
  };
  key.currentMaterialId = randomBytes(32).toString('hex');
  const alias: AliasRecord = { accountId, region, aliasName, targetKeyId: keyId, createdAt: now, updatedAt: now };
  const material = await generateKeyMaterialAsync('SYMMETRIC_DEFAULT');
  // Another process sharing the database (a worker, an instance) may have created it meanwhile: the check inside the
  // transaction makes every first use agree on one key.
  const id = await core.store.transaction(async () => {
    const created = await core.store.kms.getAlias(accountId, region, aliasName);
    if (created) return created.targetKeyId;
    await core.putMaterial(key, key.currentMaterialId!, material, 'CREATE');
    await core.saveKey(key);
    await core.store.kms.putAlias(alias);
    return keyId;
  });
  core.forgetAlias(accountId, region, aliasName);
  return id;
}
