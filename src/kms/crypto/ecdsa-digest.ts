/**
 * ECDSA over a caller-supplied digest (Sign/Verify with MessageType DIGEST).
 *
 * Written here because node:crypto only signs messages it hashes itself; it has no "sign this digest" entry point
 * for EC keys. Secret-dependent steps stay in OpenSSL where possible: the nonce k and the point k·G come from
 * OpenSSL's ECDH key generation (constant-time scalar multiplication), and the nonce inverse is blinded before the
 * BigInt arithmetic. Verification uses only public values, so it runs in plain BigInt Jacobian arithmetic, with u1·G
 * delegated to OpenSSL. RAW messages never come here: they use node:crypto.sign/verify directly.
 */
import { createECDH, randomBytes, type KeyObject } from 'node:crypto';

interface Curve {
  /** OpenSSL name. */
  name: string;
  p: bigint;
  a: bigint;
  n: bigint;
  /** Field element size in bytes. */
  size: number;
}

const CURVES: Record<string, Curve> = {
  prime256v1: {
    name: 'prime256v1',
    p: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
    a: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n - 3n,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    size: 32,
  },
  secp384r1: {
    name: 'secp384r1',
    p: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
    a: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n - 3n,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    size: 48,
  },
  secp521r1: {
    name: 'secp521r1',
    p: 2n ** 521n - 1n,
    a: 2n ** 521n - 1n - 3n,
    n: 0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
    size: 66,
  },
  secp256k1: {
    name: 'secp256k1',
    p: 2n ** 256n - 2n ** 32n - 977n,
    a: 0n,
    n: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
    size: 32,
  },
};

/** Curve parameters by OpenSSL curve name (exported for tests that check them against OpenSSL). */
export function curveParams(name: string): Curve | undefined {
  return CURVES[name];
}

function bytesToBig(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex'));
}

function bigToBytes(x: bigint, len: number): Buffer {
  const hex = x.toString(16).padStart(len * 2, '0');
  return Buffer.from(hex, 'hex');
}

function mod(x: bigint, m: bigint): bigint {
  const r = x % m;
  return r < 0n ? r + m : r;
}

function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return result;
}

/** Inverse modulo a prime by Fermat (the exponent is public, unlike extended Euclid's data-dependent steps). */
function modInv(x: bigint, m: bigint): bigint {
  return modPow(x, m - 2n, m);
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** FIPS 186-4 bits2int: the leftmost bitlen(n) bits of the digest as an integer. */
function digestToInt(digest: Uint8Array, n: bigint): bigint {
  const e = bytesToBig(digest);
  const excess = digest.length * 8 - bitLength(n);
  return excess > 0 ? e >> BigInt(excess) : e;
}

function randomScalar(n: bigint): bigint {
  const len = Math.ceil(bitLength(n) / 8) + 8; // 64 extra bits keep the modular bias negligible
  return mod(bytesToBig(randomBytes(len)), n - 1n) + 1n;
}

// ---- Jacobian point arithmetic (public values only) ----

type Jacobian = [bigint, bigint, bigint]; // Z = 0 is the point at infinity
const INFINITY: Jacobian = [1n, 1n, 0n];

function pointDouble(c: Curve, [x, y, z]: Jacobian): Jacobian {
  if (z === 0n || y === 0n) return INFINITY;
  const p = c.p;
  const yy = (y * y) % p;
  const s = (4n * x * yy) % p;
  const zz = (z * z) % p;
  const m = mod(3n * x * x + c.a * zz * zz, p);
  const x3 = mod(m * m - 2n * s, p);
  const y3 = mod(m * (s - x3) - 8n * yy * yy, p);
  const z3 = (2n * y * z) % p;
  return [x3, y3, z3];
}

function pointAdd(c: Curve, a: Jacobian, b: Jacobian): Jacobian {
  if (a[2] === 0n) return b;
  if (b[2] === 0n) return a;
  const p = c.p;
  const [x1, y1, z1] = a;
  const [x2, y2, z2] = b;
  const z1z1 = (z1 * z1) % p;
  const z2z2 = (z2 * z2) % p;
  const u1 = (x1 * z2z2) % p;
  const u2 = (x2 * z1z1) % p;
  const s1 = (y1 * z2 * z2z2) % p;
  const s2 = (y2 * z1 * z1z1) % p;
  if (u1 === u2) return s1 === s2 ? pointDouble(c, a) : INFINITY;
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = (h * h) % p;
  const hhh = (hh * h) % p;
  const v = (u1 * hh) % p;
  const x3 = mod(r * r - hhh - 2n * v, p);
  const y3 = mod(r * (v - x3) - s1 * hhh, p);
  const z3 = (h * z1 * z2) % p;
  return [x3, y3, z3];
}

function scalarMul(c: Curve, k: bigint, pt: Jacobian): Jacobian {
  let acc = INFINITY;
  for (let i = bitLength(k) - 1; i >= 0; i--) {
    acc = pointDouble(c, acc);
    if ((k >> BigInt(i)) & 1n) acc = pointAdd(c, acc, pt);
  }
  return acc;
}

function affineX(c: Curve, [x, , z]: Jacobian): bigint {
  const zi = modInv(z, c.p);
  return (x * zi * zi) % c.p;
}

/** k·G through OpenSSL, as an affine point. */
function baseMul(c: Curve, k: bigint): Jacobian {
  const ecdh = createECDH(c.name);
  ecdh.setPrivateKey(bigToBytes(k, c.size));
  const pub = ecdh.getPublicKey(); // 0x04 | X | Y
  return [bytesToBig(pub.subarray(1, 1 + c.size)), bytesToBig(pub.subarray(1 + c.size)), 1n];
}

/** Exported for tests: scalar multiplication in this module's arithmetic, returning affine coordinates. */
export function scalarMulAffine(curveName: string, k: bigint, x: bigint, y: bigint): [bigint, bigint] | null {
  const c = CURVES[curveName]!;
  const r = scalarMul(c, k, [x, y, 1n]);
  if (r[2] === 0n) return null;
  const zi = modInv(r[2], c.p);
  return [(r[0] * zi * zi) % c.p, (r[1] * zi * zi * zi) % c.p];
}

// ---- DER ECDSA-Sig-Value ----

function derInt(x: bigint): Buffer {
  let hex = x.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let b = Buffer.from(hex, 'hex');
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return Buffer.concat([Buffer.from([0x02, b.length]), b]);
}

export function encodeDerSignature(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([derInt(r), derInt(s)]);
  const len = body.length < 0x80 ? Buffer.from([body.length]) : Buffer.from([0x81, body.length]);
  return Buffer.concat([Buffer.from([0x30]), len, body]);
}

/** Strict DER parse of SEQUENCE { INTEGER r, INTEGER s }; null when malformed. */
export function decodeDerSignature(sig: Uint8Array): { r: bigint; s: bigint } | null {
  let i = 0;
  const byte = (): number => (i < sig.length ? sig[i++]! : -1);
  const readLen = (): number => {
    const b = byte();
    if (b < 0) return -1;
    if (b < 0x80) return b;
    if (b === 0x81) {
      const l = byte();
      return l >= 0x80 ? l : -1; // long form only when needed (DER)
    }
    return -1;
  };
  const readInt = (): bigint | null => {
    if (byte() !== 0x02) return null;
    const len = readLen();
    if (len <= 0 || i + len > sig.length) return null;
    const v = sig.subarray(i, i + len);
    if (v[0]! & 0x80) return null; // negative
    if (len > 1 && v[0] === 0 && !(v[1]! & 0x80)) return null; // non-minimal
    i += len;
    return bytesToBig(v);
  };
  if (byte() !== 0x30) return null;
  const seqLen = readLen();
  if (seqLen < 0 || i + seqLen !== sig.length) return null;
  const r = readInt();
  const s = r === null ? null : readInt();
  if (r === null || s === null || i !== sig.length) return null;
  return { r, s };
}

function curveOf(key: KeyObject): Curve {
  const name = key.asymmetricKeyDetails?.namedCurve;
  const c = name ? CURVES[name] : undefined;
  if (!c) throw new Error('unsupported curve');
  return c;
}

/** ECDSA signature (DER) of a precomputed digest with an EC private key. */
export function ecdsaSignDigest(privateKey: KeyObject, digest: Uint8Array): Buffer {
  const c = curveOf(privateKey);
  const jwk = privateKey.export({ format: 'jwk' });
  const d = bytesToBig(Buffer.from(jwk.d!, 'base64url'));
  const e = digestToInt(digest, c.n);
  for (;;) {
    const eph = createECDH(c.name);
    const kG = eph.generateKeys(); // uncompressed point of a fresh OpenSSL-generated nonce
    const k = bytesToBig(eph.getPrivateKey());
    const r = bytesToBig(kG.subarray(1, 1 + c.size)) % c.n;
    if (r === 0n) continue;
    // Blind the nonce before inverting it: k⁻¹ = b·(k·b)⁻¹.
    const b = randomScalar(c.n);
    const kInv = (b * modInv((k * b) % c.n, c.n)) % c.n;
    const s = (kInv * ((e + r * d) % c.n)) % c.n;
    if (s === 0n) continue;
    return encodeDerSignature(r, s);
  }
}

/** Verifies a DER ECDSA signature over a precomputed digest with an EC public key. */
export function ecdsaVerifyDigest(publicKey: KeyObject, digest: Uint8Array, signature: Uint8Array): boolean {
  const c = curveOf(publicKey);
  const sig = decodeDerSignature(signature);
  if (!sig) return false;
  const { r, s } = sig;
  if (r <= 0n || r >= c.n || s <= 0n || s >= c.n) return false;
  const jwk = publicKey.export({ format: 'jwk' });
  const q: Jacobian = [bytesToBig(Buffer.from(jwk.x!, 'base64url')), bytesToBig(Buffer.from(jwk.y!, 'base64url')), 1n];
  const e = digestToInt(digest, c.n);
  const w = modInv(s, c.n);
  const u1 = (e * w) % c.n;
  const u2 = (r * w) % c.n;
  const p1 = u1 === 0n ? INFINITY : baseMul(c, u1);
  const sum = pointAdd(c, p1, scalarMul(c, u2, q));
  if (sum[2] === 0n) return false;
  return affineX(c, sum) % c.n === r;
}
