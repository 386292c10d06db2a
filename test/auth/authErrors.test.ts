import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { authErrorFor } from '../../src/auth/authErrors.js';
import { MSG_SIGNATURE_MISMATCH, SigV4Error } from '../../src/auth/sigv4.js';
import { AwsError } from '../../src/protocol/errors.js';

const EXPIRED = new SigV4Error('expired', 'ignored', {
  amzDate: '20261123T090000Z',
  bound: '20261123T091500Z',
  now: '20261123T093000Z',
  skewMinutes: 15,
});
const NOT_YET = new SigV4Error('not-yet-valid', 'ignored', {
  amzDate: '20261123T095000Z',
  bound: '20261123T094500Z',
  now: '20261123T093000Z',
  skewMinutes: 15,
});
const INCOMPLETE_MSG =
  "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. (Hashed with SHA-256 and encoded with Base64) Authorization=abc=";

function shape(e: AwsError): { code: string; message: string; status: number; fault: string } {
  assert.ok(e instanceof AwsError);
  return { code: e.code, message: e.message, status: e.status, fault: e.fault };
}

describe('authErrorFor on JSON services (KMS, CloudWatch Logs)', () => {
  const cases: [string, SigV4Error, { code: string; message: string; status: number }][] = [
    ['no credentials', new SigV4Error('missing', 'x'), { code: 'MissingAuthenticationTokenException', message: 'Request is missing Authentication Token', status: 400 }],
    ['an unknown access key', new SigV4Error('unknown-key', 'AKIA... not found'), { code: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.', status: 400 }],
    ['a wrong signature', new SigV4Error('signature', MSG_SIGNATURE_MISMATCH), { code: 'InvalidSignatureException', message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.', status: 400 }],
    ['an unsigned host header', new SigV4Error('signature', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."), { code: 'InvalidSignatureException', message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", status: 400 }],
    ['an expired timestamp', EXPIRED, { code: 'InvalidSignatureException', message: 'Signature expired: 20261123T090000Z is now earlier than 20261123T091500Z (20261123T093000Z - 15 min.)', status: 400 }],
    ['a future timestamp', NOT_YET, { code: 'InvalidSignatureException', message: 'Signature not yet current: 20261123T095000Z is still later than 20261123T094500Z (20261123T093000Z + 15 min.)', status: 400 }],
    ['an expired presigned URL', new SigV4Error('presign-expired', 'Request has expired'), { code: 'InvalidSignatureException', message: 'Request has expired', status: 400 }],
    ['a malformed Authorization header', new SigV4Error('incomplete', INCOMPLETE_MSG), { code: 'IncompleteSignatureException', message: INCOMPLETE_MSG, status: 400 }],
  ];
  for (const [what, err, want] of cases) {
    it(`answers ${what} with ${want.code}`, () => {
      assert.deepEqual(shape(authErrorFor(err, 'json', 'kms')), { ...want, fault: 'client' });
      assert.deepEqual(shape(authErrorFor(err, 'json', 'logs')), { ...want, fault: 'client' });
    });
  }
});

describe('authErrorFor on query services (IAM, STS)', () => {
  const cases: [string, SigV4Error, { code: string; message: string; status: number }][] = [
    ['no credentials', new SigV4Error('missing', 'x'), { code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token', status: 403 }],
    ['an unknown access key', new SigV4Error('unknown-key', 'x'), { code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.', status: 403 }],
    ['a wrong signature', new SigV4Error('signature', MSG_SIGNATURE_MISMATCH), { code: 'SignatureDoesNotMatch', message: MSG_SIGNATURE_MISMATCH, status: 403 }],
    ['an expired timestamp', EXPIRED, { code: 'SignatureDoesNotMatch', message: 'Signature expired: 20261123T090000Z is now earlier than 20261123T091500Z (20261123T093000Z - 15 min.)', status: 403 }],
    ['a future timestamp', NOT_YET, { code: 'SignatureDoesNotMatch', message: 'Signature not yet current: 20261123T095000Z is still later than 20261123T094500Z (20261123T093000Z + 15 min.)', status: 403 }],
    ['an expired presigned URL', new SigV4Error('presign-expired', 'Request has expired'), { code: 'SignatureDoesNotMatch', message: 'Request has expired', status: 403 }],
    ['a malformed Authorization header', new SigV4Error('incomplete', INCOMPLETE_MSG), { code: 'IncompleteSignature', message: INCOMPLETE_MSG, status: 400 }],
  ];
  for (const [what, err, want] of cases) {
    it(`answers ${what} with ${want.code}`, () => {
      assert.deepEqual(shape(authErrorFor(err, 'query', 'sts')), { ...want, fault: 'client' });
      assert.deepEqual(shape(authErrorFor(err, 'query', 'iam')), { ...want, fault: 'client' });
    });
  }

  it('falls back to the standard mismatch text for a signature error without a message', () => {
    assert.equal(authErrorFor(new SigV4Error('signature', ''), 'query', 'sts').message, MSG_SIGNATURE_MISMATCH);
  });

  it('uses the expiry message carried by the error when it has no times attached', () => {
    const e = new SigV4Error('expired', 'Signature expired: 20261123T090000Z is now earlier than 20261123T091500Z (20261123T093000Z - 15 min.)');
    assert.equal(authErrorFor(e, 'json', 'kms').message, e.message);
  });
});
