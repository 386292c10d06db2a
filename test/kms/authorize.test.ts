import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateGrantCommand,
  DecryptCommand,
  DeleteImportedKeyMaterialCommand,
  DeriveSharedSecretCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateMacCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  GetParametersForImportCommand,
  GetPublicKeyCommand,
  ImportKeyMaterialCommand,
  ListGrantsCommand,
  ListKeyPoliciesCommand,
  ListKeyRotationsCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ReEncryptCommand,
  ReplicateKeyCommand,
  RevokeGrantCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
  UpdatePrimaryRegionCommand,
  VerifyCommand,
  VerifyMacCommand,
  type KMSClient,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createKey, kmsClient, rejects, ROOT, utf8 } from './helpers.js';

/** A key policy that lets the account root do nothing but replace the policy (which passes the lockout check). */
const LOCKED = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:PutKeyPolicy', Resource: '*' }],
});

/**
 * Every operation on a key is authorized against its key policy before anything else about the request is checked:
 * a key whose policy allows nothing but kms:PutKeyPolicy refuses each of them with AccessDeniedException naming the
 * operation's own action.
 */
describe('KMS authorization of every key operation', () => {
  let srv: TestServer;
  let kms: KMSClient;
  const keys: Record<'symmetric' | 'signing' | 'hmac' | 'agreement' | 'rsa' | 'external' | 'multiRegion', KeyMetadata> = {} as never;
  let blob: Uint8Array;
  let peerPublicKey: Uint8Array;

  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
    keys.symmetric = await createKey(kms);
    keys.signing = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    keys.hmac = await createKey(kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    keys.agreement = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
    keys.rsa = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    keys.external = await createKey(kms, { Origin: 'EXTERNAL' });
    keys.multiRegion = await createKey(kms, { MultiRegion: true });
    blob = (await kms.send(new EncryptCommand({ KeyId: keys.symmetric.KeyId, Plaintext: utf8('x') }))).CiphertextBlob!;
    const peer = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
    peerPublicKey = (await kms.send(new GetPublicKeyCommand({ KeyId: peer.KeyId }))).PublicKey!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/locked', TargetKeyId: keys.symmetric.KeyId }));
    for (const k of Object.values(keys)) await kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, Policy: LOCKED }));
  });
  after(() => srv.dispose());

  const denied = (action: string, keyArn: string) =>
    `User: ${ROOT} is not authorized to perform: kms:${action} on resource: ${keyArn} because no resource-based policy allows the kms:${action} action`;

  /** [action, key the call uses, the call]. */
  const calls: [string, keyof typeof keys, (k: KeyMetadata) => Promise<unknown>][] = [
    ['DescribeKey', 'symmetric', (k) => kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))],
    ['GetKeyPolicy', 'symmetric', (k) => kms.send(new GetKeyPolicyCommand({ KeyId: k.KeyId, PolicyName: 'default' }))],
    ['ListKeyPolicies', 'symmetric', (k) => kms.send(new ListKeyPoliciesCommand({ KeyId: k.KeyId }))],
    ['ListResourceTags', 'symmetric', (k) => kms.send(new ListResourceTagsCommand({ KeyId: k.KeyId }))],
    ['TagResource', 'symmetric', (k) => kms.send(new TagResourceCommand({ KeyId: k.KeyId, Tags: [{ TagKey: 'a', TagValue: 'b' }] }))],
    ['UntagResource', 'symmetric', (k) => kms.send(new UntagResourceCommand({ KeyId: k.KeyId, TagKeys: ['a'] }))],
    ['UpdateKeyDescription', 'symmetric', (k) => kms.send(new UpdateKeyDescriptionCommand({ KeyId: k.KeyId, Description: 'd' }))],
    ['EnableKey', 'symmetric', (k) => kms.send(new EnableKeyCommand({ KeyId: k.KeyId }))],
    ['DisableKey', 'symmetric', (k) => kms.send(new DisableKeyCommand({ KeyId: k.KeyId }))],
    ['ScheduleKeyDeletion', 'symmetric', (k) => kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: 7 }))],
    ['CancelKeyDeletion', 'symmetric', (k) => kms.send(new CancelKeyDeletionCommand({ KeyId: k.KeyId }))],
    ['EnableKeyRotation', 'symmetric', (k) => kms.send(new EnableKeyRotationCommand({ KeyId: k.KeyId }))],
    ['DisableKeyRotation', 'symmetric', (k) => kms.send(new DisableKeyRotationCommand({ KeyId: k.KeyId }))],
    ['GetKeyRotationStatus', 'symmetric', (k) => kms.send(new GetKeyRotationStatusCommand({ KeyId: k.KeyId }))],
    ['RotateKeyOnDemand', 'symmetric', (k) => kms.send(new RotateKeyOnDemandCommand({ KeyId: k.KeyId }))],
    ['ListKeyRotations', 'symmetric', (k) => kms.send(new ListKeyRotationsCommand({ KeyId: k.KeyId }))],
    ['CreateGrant', 'symmetric', (k) => kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: ROOT, Operations: ['Decrypt'] }))],
    ['ListGrants', 'symmetric', (k) => kms.send(new ListGrantsCommand({ KeyId: k.KeyId }))],
    ['RevokeGrant', 'symmetric', (k) => kms.send(new RevokeGrantCommand({ KeyId: k.KeyId, GrantId: 'a'.repeat(64) }))],
    ['CreateAlias', 'symmetric', (k) => kms.send(new CreateAliasCommand({ AliasName: 'alias/locked-out', TargetKeyId: k.KeyId }))],
    // UpdateAlias needs the permission on the alias's current key (named in the denial) and on the new one.
    ['UpdateAlias', 'symmetric', () => kms.send(new UpdateAliasCommand({ AliasName: 'alias/locked', TargetKeyId: keys.multiRegion.KeyId }))],
    ['Encrypt', 'symmetric', (k) => kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: utf8('x') }))],
    ['Decrypt', 'symmetric', () => kms.send(new DecryptCommand({ CiphertextBlob: blob }))],
    ['ReEncryptFrom', 'symmetric', (k) => kms.send(new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: k.KeyId }))],
    ['GenerateDataKey', 'symmetric', (k) => kms.send(new GenerateDataKeyCommand({ KeyId: k.KeyId, KeySpec: 'AES_256' }))],
    ['GenerateDataKeyWithoutPlaintext', 'symmetric', (k) => kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: k.KeyId, KeySpec: 'AES_256' }))],
    ['GenerateDataKeyPair', 'symmetric', (k) => kms.send(new GenerateDataKeyPairCommand({ KeyId: k.KeyId, KeyPairSpec: 'ECC_NIST_P256' }))],
    [
      'GenerateDataKeyPairWithoutPlaintext',
      'symmetric',
      (k) => kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: k.KeyId, KeyPairSpec: 'ECC_NIST_P256' })),
    ],
    ['Sign', 'signing', (k) => kms.send(new SignCommand({ KeyId: k.KeyId, Message: utf8('m'), SigningAlgorithm: 'ECDSA_SHA_256' }))],
    [
      'Verify',
      'signing',
      (k) => kms.send(new VerifyCommand({ KeyId: k.KeyId, Message: utf8('m'), Signature: new Uint8Array(64), SigningAlgorithm: 'ECDSA_SHA_256' })),
    ],
    ['GetPublicKey', 'signing', (k) => kms.send(new GetPublicKeyCommand({ KeyId: k.KeyId }))],
    ['GenerateMac', 'hmac', (k) => kms.send(new GenerateMacCommand({ KeyId: k.KeyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' }))],
    [
      'VerifyMac',
      'hmac',
      (k) => kms.send(new VerifyMacCommand({ KeyId: k.KeyId, Message: utf8('m'), Mac: new Uint8Array(32), MacAlgorithm: 'HMAC_SHA_256' })),
    ],
    [
      'DeriveSharedSecret',
      'agreement',
      (k) => kms.send(new DeriveSharedSecretCommand({ KeyId: k.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peerPublicKey })),
    ],
    [
      'GetParametersForImport',
      'external',
      (k) => kms.send(new GetParametersForImportCommand({ KeyId: k.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' })),
    ],
    [
      'ImportKeyMaterial',
      'external',
      (k) =>
        kms.send(
          new ImportKeyMaterialCommand({ KeyId: k.KeyId, ImportToken: new Uint8Array(33), EncryptedKeyMaterial: new Uint8Array(256), ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }),
        ),
    ],
    ['DeleteImportedKeyMaterial', 'external', (k) => kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: k.KeyId }))],
    ['ReplicateKey', 'multiRegion', (k) => kms.send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: 'eu-west-1' }))],
    ['UpdatePrimaryRegion', 'multiRegion', (k) => kms.send(new UpdatePrimaryRegionCommand({ KeyId: k.KeyId, PrimaryRegion: 'eu-west-1' }))],
  ];

  for (const [action, which, call] of calls) {
    test(`${action} returns AccessDeniedException when the key policy does not allow kms:${action}`, async () => {
      const key = keys[which];
      await rejects(call(key), 'AccessDeniedException', denied(action, key.Arn!));
    });
  }

  test('the key policy still lets the root replace it, and then every operation is allowed again', async () => {
    const open = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' }],
    });
    const k = await createKey(kms, { Policy: LOCKED });
    await rejects(kms.send(new DescribeKeyCommand({ KeyId: k.KeyId })), 'AccessDeniedException', denied('DescribeKey', k.Arn!));
    await kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, Policy: open }));
    assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!.KeyId, k.KeyId);
  });
});
