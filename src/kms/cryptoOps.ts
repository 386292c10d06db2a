import type { KmsOpTable } from './opTypes.js';

/** Cryptographic operations, imported key material and grants. */
export const cryptoOps: KmsOpTable = {};
