import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CryptoInputError } from '../../../src/kms/crypto/errors.js';
import { generateRandom } from '../../../src/kms/crypto/random.js';

describe('generateRandom', () => {
  it('returns exactly the number of bytes asked for, from 1 to 1024', () => {
    assert.equal(generateRandom(1).length, 1);
    assert.equal(generateRandom(1024).length, 1024);
  });

  it('returns different bytes on each call', () => {
    assert.notDeepEqual(generateRandom(32), generateRandom(32));
  });

  it('throws CryptoInputError for a negative or fractional length', () => {
    assert.throws(() => generateRandom(-1), CryptoInputError);
    assert.throws(() => generateRandom(1.5), CryptoInputError);
  });
});
