import assert from 'node:assert/strict';
import { createECDH, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { curveParams, decodeDerSignature, encodeDerSignature, scalarMulAffine } from '../../../src/kms/crypto/ecdsa-digest.js';

function openSslMul(curve: string, k: bigint, size: number): [bigint, bigint] {
  const ecdh = createECDH(curve);
  ecdh.setPrivateKey(Buffer.from(k.toString(16).padStart(size * 2, '0'), 'hex'));
  const pub = ecdh.getPublicKey();
  return [BigInt('0x' + pub.subarray(1, 1 + size).toString('hex')), BigInt('0x' + pub.subarray(1 + size).toString('hex'))];
}

describe('ECDSA digest arithmetic', () => {
  for (const curve of ['prime256v1', 'secp384r1', 'secp521r1', 'secp256k1']) {
    it(`matches OpenSSL scalar multiplication on ${curve}, and n·G is the point at infinity`, () => {
      const c = curveParams(curve)!;
      const [gx, gy] = openSslMul(curve, 1n, c.size);
      for (let i = 0; i < 3; i++) {
        const k = (BigInt('0x' + randomBytes(c.size).toString('hex')) % (c.n - 1n)) + 1n;
        assert.deepEqual(scalarMulAffine(curve, k, gx, gy), openSslMul(curve, k, c.size));
      }
      // (n-1)·G = -G proves the group order constant; n·G must vanish.
      assert.deepEqual(openSslMul(curve, c.n - 1n, c.size), [gx, c.p - gy]);
      assert.equal(scalarMulAffine(curve, c.n, gx, gy), null);
    });
  }
});

describe('DER ECDSA-Sig-Value', () => {
  it('round-trips any pair of positive integers (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 528n }), fc.bigInt({ min: 1n, max: 2n ** 528n }), (r, s) => {
        assert.deepEqual(decodeDerSignature(encodeDerSignature(r, s)), { r, s });
      }),
    );
  });

  it('uses a leading zero byte for integers with the high bit set', () => {
    assert.deepEqual(encodeDerSignature(0x80n, 1n), Buffer.from('3007020200800201 01'.replace(/ /g, ''), 'hex'));
  });

  it('rejects non-minimal, negative, truncated and trailing-data encodings', () => {
    const valid = encodeDerSignature(5n, 7n);
    assert.deepEqual(decodeDerSignature(valid), { r: 5n, s: 7n });
    assert.equal(decodeDerSignature(Buffer.from('30070203000005020107', 'hex')), null); // non-minimal r
    assert.equal(decodeDerSignature(Buffer.from('3006020180020107', 'hex')), null); // negative r
    assert.equal(decodeDerSignature(valid.subarray(0, valid.length - 1)), null);
    assert.equal(decodeDerSignature(Buffer.concat([valid, Buffer.from([0])])), null);
    assert.equal(decodeDerSignature(Buffer.alloc(0)), null);
  });
});
