import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateKeyCommand,
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  ListResourceTagsCommand,
  type CreateKeyCommandInput,
  type KMSClient,
  type KeyMetadata,
  type KeySpec,
  type KeyUsageType,
} from '@aws-sdk/client-kms';
import { ACCOUNT, HOME, keyArnOf, policyWith, rejectsWith, startKms, type KmsTestEnv } from './regionalClients.js';

/** The policy KMS gives a key created without one, byte for byte as GetKeyPolicy returns it. */
const DEFAULT_POLICY = `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::${ACCOUNT}:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`;

const RSA_SIGNING = ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512', 'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512'];

/** Every key spec and key usage CreateKey accepts, with the algorithm list DescribeKey shows for it. */
const ACCEPTED: [KeySpec, KeyUsageType, Partial<KeyMetadata>][] = [
  ['SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] }],
  ['RSA_2048', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] }],
  ['RSA_2048', 'SIGN_VERIFY', { SigningAlgorithms: RSA_SIGNING as KeyMetadata['SigningAlgorithms'] }],
  ['RSA_3072', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] }],
  ['RSA_3072', 'SIGN_VERIFY', { SigningAlgorithms: RSA_SIGNING as KeyMetadata['SigningAlgorithms'] }],
  ['RSA_4096', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] }],
  ['RSA_4096', 'SIGN_VERIFY', { SigningAlgorithms: RSA_SIGNING as KeyMetadata['SigningAlgorithms'] }],
  ['ECC_NIST_P256', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }],
  ['ECC_NIST_P256', 'KEY_AGREEMENT', { KeyAgreementAlgorithms: ['ECDH'] }],
  ['ECC_NIST_P384', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_384'] }],
  ['ECC_NIST_P384', 'KEY_AGREEMENT', { KeyAgreementAlgorithms: ['ECDH'] }],
  ['ECC_NIST_P521', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_512'] }],
  ['ECC_NIST_P521', 'KEY_AGREEMENT', { KeyAgreementAlgorithms: ['ECDH'] }],
  ['ECC_SECG_P256K1', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }],
  ['HMAC_224', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_224'] }],
  ['HMAC_256', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_256'] }],
  ['HMAC_384', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_384'] }],
  ['HMAC_512', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_512'] }],
];
const SPECS = [...new Set(ACCEPTED.map(([s]) => s))];
const USAGES: KeyUsageType[] = ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'];

/** KeyMetadata as AWS returns it for a new customer key (cf. localstack's recorded test_kms.snapshot.json). */
function expectedMetadata(created: KeyMetadata, spec: KeySpec, usage: KeyUsageType, extra: Partial<KeyMetadata>): KeyMetadata {
  const m: KeyMetadata = {
    AWSAccountId: ACCOUNT,
    KeyId: created.KeyId,
    Arn: keyArnOf(created.KeyId!),
    CreationDate: created.CreationDate,
    Enabled: true,
    Description: '',
    KeyUsage: usage,
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: spec as KeyMetadata['CustomerMasterKeySpec'],
    KeySpec: spec,
    ...extra,
    MultiRegion: false,
  };
  if (spec === 'SYMMETRIC_DEFAULT') m.CurrentKeyMaterialId = created.CurrentKeyMaterialId;
  return m;
}

describe('CreateKey', () => {
  let env: KmsTestEnv;
  let kms: KMSClient;
  const create = async (input: CreateKeyCommandInput = {}) => (await kms.send(new CreateKeyCommand(input))).KeyMetadata!;

  before(async () => {
    env = await startKms();
    kms = env.kms();
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('a symmetric encryption key by default, with every field AWS returns', async () => {
      const before = Date.now();
      const m = await create();
      assert.match(m.KeyId!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.match(m.CurrentKeyMaterialId!, /^[0-9a-f]{64}$/);
      assert.ok(Math.abs(m.CreationDate!.getTime() - before) < 60_000);
      assert.deepEqual(m, expectedMetadata(m, 'SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] }));
    });

    for (const [spec, usage, algorithms] of ACCEPTED) {
      test(`accepts ${spec} with ${usage} and describes it as AWS does`, async () => {
        const m = await create({ KeySpec: spec, KeyUsage: usage, Description: `${spec} ${usage}` });
        const expected = { ...expectedMetadata(m, spec, usage, algorithms), Description: `${spec} ${usage}` };
        assert.deepEqual(m, expected);
        assert.deepEqual((await kms.send(new DescribeKeyCommand({ KeyId: m.KeyId }))).KeyMetadata, expected);
      });
    }

    test('accepts the deprecated CustomerMasterKeySpec in place of KeySpec', async () => {
      const m = await create({ CustomerMasterKeySpec: 'ECC_NIST_P384', KeyUsage: 'SIGN_VERIFY' });
      assert.equal(m.KeySpec, 'ECC_NIST_P384');
      assert.equal(m.CustomerMasterKeySpec, 'ECC_NIST_P384');
    });

    test('a multi-Region key: an mrk- id and a primary MultiRegionConfiguration with no replicas', async () => {
      const m = await create({ MultiRegion: true, Description: 'test multi region key' });
      assert.match(m.KeyId!, /^mrk-[0-9a-f]{32}$/);
      assert.deepEqual(m, {
        ...expectedMetadata(m, 'SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] }),
        Description: 'test multi region key',
        MultiRegion: true,
        MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY', PrimaryKey: { Arn: keyArnOf(m.KeyId!), Region: HOME }, ReplicaKeys: [] },
      });
    });

    test('a key for imported material (Origin EXTERNAL) waits in PendingImport, disabled and without material', async () => {
      const m = await create({ Origin: 'EXTERNAL' });
      const expected = expectedMetadata(m, 'SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] });
      delete expected.CurrentKeyMaterialId;
      assert.deepEqual(m, { ...expected, Enabled: false, KeyState: 'PendingImport', Origin: 'EXTERNAL' });
    });
  });

  describe('validation', () => {
    for (const spec of SPECS) {
      for (const usage of USAGES) {
        if (ACCEPTED.some(([s, u]) => s === spec && u === usage)) continue;
        test(`refuses ${spec} with ${usage}`, async () => {
          await rejectsWith(create({ KeySpec: spec, KeyUsage: usage }), 'ValidationException', `KeyUsage ${usage} is not compatible with KeySpec ${spec}`);
        });
      }
    }

    test('returns ValidationException when an asymmetric or HMAC key spec comes without KeyUsage', async () => {
      for (const spec of ['RSA_2048', 'ECC_NIST_P256', 'HMAC_256'] as KeySpec[]) {
        await rejectsWith(
          create({ KeySpec: spec }),
          'ValidationException',
          'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
        );
      }
    });

    test('returns ValidationException for both KeySpec and CustomerMasterKeySpec', async () => {
      await rejectsWith(
        create({ KeySpec: 'SYMMETRIC_DEFAULT', CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT' }),
        'ValidationException',
        'You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.',
      );
    });

    test("returns the model's ValidationException for a key spec outside the enum", async () => {
      await assert.rejects(create({ KeySpec: 'HMAC_random' as KeySpec, KeyUsage: 'GENERATE_VERIFY_MAC' }), (e: Error) => {
        assert.equal(e.name, 'ValidationException');
        assert.match(e.message, /^1 validation error detected: Value 'HMAC_random' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: \[/);
        return true;
      });
    });

    test('returns UnsupportedOperationException for key specs logseal does not implement and for custom key stores', async () => {
      await rejectsWith(create({ KeySpec: 'SM2', KeyUsage: 'SIGN_VERIFY' }), 'UnsupportedOperationException', 'KeySpec SM2 is not supported by this endpoint.');
      await rejectsWith(create({ CustomKeyStoreId: 'cks-1234567890abcdef0' }), 'UnsupportedOperationException', 'Custom key stores are not supported by this endpoint.');
      await rejectsWith(create({ Origin: 'AWS_CLOUDHSM' }), 'UnsupportedOperationException', 'Custom key stores are not supported by this endpoint.');
    });

    test('returns TagException for duplicate, reserved or too many tag keys', async () => {
      await rejectsWith(
        create({ Tags: [{ TagKey: 'a', TagValue: '1' }, { TagKey: 'a', TagValue: '2' }] }),
        'TagException',
        'Duplicate tag keys',
      );
      await rejectsWith(create({ Tags: [{ TagKey: 'aws:owner', TagValue: 'me' }] }), 'TagException', 'Tags beginning with aws: are reserved');
      const many = Array.from({ length: 51 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }));
      await rejectsWith(create({ Tags: many }), 'TagException', 'Too many tags');
    });
  });

  describe('behaviour', () => {
    test('gives the key the default key policy when the request has none', async () => {
      const m = await create();
      const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId: m.KeyId, PolicyName: 'default' }));
      assert.equal(Policy, DEFAULT_POLICY);
    });

    test('keeps a given key policy as written', async () => {
      const policy = policyWith({ Sid: 'extra', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:Encrypt', Resource: '*' });
      const m = await create({ Policy: policy });
      const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId: m.KeyId, PolicyName: 'default' }));
      assert.equal(Policy, policy);
    });

    test('returns MalformedPolicyDocumentException for a policy that would lock the caller out, unless the check is bypassed', async () => {
      const lockout = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:Encrypt', Resource: '*' }],
      });
      await rejectsWith(
        create({ Policy: lockout }),
        'MalformedPolicyDocumentException',
        'The new key policy will not allow you to update the key policy in the future.',
      );
      const m = await create({ Policy: lockout, BypassPolicyLockoutSafetyCheck: true });
      assert.equal(m.KeyState, 'Enabled');
    });

    test('returns MalformedPolicyDocumentException for a policy naming a principal that does not exist', async () => {
      const policy = policyWith({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/nobody` }, Action: 'kms:Decrypt', Resource: '*' });
      await rejectsWith(create({ Policy: policy }), 'MalformedPolicyDocumentException', 'Policy contains a statement with one or more invalid principals.');
    });

    test('returns LimitExceededException for a policy over 32 KiB', async () => {
      const policy = policyWith({ Sid: 'x'.repeat(33_000), Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:Encrypt', Resource: '*' });
      await rejectsWith(create({ Policy: policy }), 'LimitExceededException', 'The key policy exceeds the maximum size of 32768 bytes.');
    });

    test('tags the key with the given tags', async () => {
      const tags = [{ TagKey: 'team', TagValue: 'security' }, { TagKey: 'env', TagValue: '' }];
      const m = await create({ Tags: tags });
      const { Tags } = await kms.send(new ListResourceTagsCommand({ KeyId: m.KeyId }));
      assert.deepEqual(
        [...Tags!].sort((a, b) => a.TagKey!.localeCompare(b.TagKey!)),
        [...tags].sort((a, b) => a.TagKey.localeCompare(b.TagKey)),
      );
    });

    test('creates each key with its own id and material', async () => {
      const a = await create();
      const b = await create();
      assert.notEqual(a.KeyId, b.KeyId);
      assert.notEqual(a.CurrentKeyMaterialId, b.CurrentKeyMaterialId);
    });
  });
});
