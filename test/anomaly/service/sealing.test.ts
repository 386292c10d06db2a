import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import type { LogsCore } from '../../../src/logs/core.js';
import {
  DETECTOR_CONTEXT_KEY,
  DetectorSealer,
  detectorEncryptionContext,
  detectorKmsContext,
  LOGS_CONTEXT_KEY,
} from '../../../src/anomaly/service/sealing.js';

const A = { accountId: '000000000000', region: 'us-east-1', detectorId: '3b9c1f4e-1111-4a3b-9c5d-000000000001' };
const B = { ...A, detectorId: '3b9c1f4e-1111-4a3b-9c5d-000000000002' };
const ARN_A = `arn:aws:logs:us-east-1:000000000000:anomaly-detector:${A.detectorId}`;
const KEY = 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('sealing of detector states', () => {
  // seal and open use only the data key they are given; KMS and the store are not involved
  const sealer = new DetectorSealer({} as LogsCore);
  const key = { plaintext: randomBytes(32), wrapped: Buffer.from('wrapped'), keyArn: KEY };

  test('opens what it sealed, and the ciphertext differs every time', () => {
    const plain = Buffer.from('patterns, baselines and anomalies');
    const s1 = sealer.seal(A, key, plain);
    const s2 = sealer.seal(A, key, plain);
    assert.deepEqual(sealer.open(A, key, s1), plain);
    assert.notDeepEqual(s1.data, s2.data);
    assert.equal(s1.keyArn, KEY);
    assert.deepEqual(s1.wrappedKey, key.wrapped);
    assert.equal(s1.data.includes(plain), false);
  });

  test("does not open a state as another detector's, or as sealed under another key", () => {
    const s = sealer.seal(A, key, Buffer.from('state'));
    assert.throws(() => sealer.open(B, key, s));
    assert.throws(() => sealer.open(A, key, { ...s, keyArn: `${KEY}0` }));
    const tampered = Buffer.from(s.data);
    tampered[20]! ^= 1;
    assert.throws(() => sealer.open(A, key, { ...s, data: tampered }));
  });

  test("uses the detector's ARN under both documented encryption context keys", () => {
    assert.equal(DETECTOR_CONTEXT_KEY, 'aws-crypto-ec:aws:logs:arn');
    assert.deepEqual(detectorEncryptionContext(A), { [LOGS_CONTEXT_KEY]: ARN_A, [DETECTOR_CONTEXT_KEY]: ARN_A });
  });

  test('calls KMS as the logs service principal of the region, for the account and the detector', () => {
    const ctx = detectorKmsContext({ requestId: 'r', time: 5 }, A);
    assert.equal(ctx.principal.arn, 'logs.us-east-1.amazonaws.com');
    assert.equal(ctx.principal.type, 'service');
    assert.equal(ctx.sourceAccount, A.accountId);
    assert.equal(ctx.sourceArn, ARN_A);
    assert.equal(ctx.time, 5);
  });
});
