/** GenerateRandom. The caller validates NumberOfBytes (1–1024) and maps errors. */
import { randomBytes } from 'node:crypto';
import { CryptoInputError } from './errors.js';

export function generateRandom(n: number): Buffer {
  if (!Number.isSafeInteger(n) || n < 0) throw new CryptoInputError('INVALID_LENGTH', 'number of bytes must be a non-negative integer');
  return randomBytes(n);
}
