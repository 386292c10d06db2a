import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { luhn, MANAGED_IDENTIFIERS, unsafeRegexReason } from '../../src/logs/dataProtection/identifiers.js';
import { maskText } from '../../src/logs/dataProtection/mask.js';

function masked(name: string, message: string): string {
  return maskText(message, [MANAGED_IDENTIFIERS.get(name)!]).text;
}
const stars = (s: string) => '*'.repeat(s.length);

describe('managed data identifiers', () => {
  test('CreditCardNumber: issuer prefix, length and Luhn checksum, with or without separators', () => {
    assert.equal(luhn('4111111111111111'), true);
    assert.equal(luhn('4111111111111112'), false);
    assert.equal(masked('CreditCardNumber', 'pay 4111111111111111 now'), `pay ${stars('4111111111111111')} now`);
    assert.equal(masked('CreditCardNumber', 'amex 3782-822463-10005'), `amex ${stars('3782-822463-10005')}`);
    assert.equal(masked('CreditCardNumber', 'bad 4111111111111112'), 'bad 4111111111111112');
    // Luhn-valid but no card network issues numbers starting with 1.
    assert.equal(masked('CreditCardNumber', 'order 1000000000000009'), 'order 1000000000000009');
  });

  test('EmailAddress and IpAddress (v4 and v6); version strings and out-of-range octets are not addresses', () => {
    assert.equal(masked('EmailAddress', 'to a.b+c@mail.example.co.uk.'), `to ${stars('a.b+c@mail.example.co.uk')}.`);
    assert.equal(masked('IpAddress', 'peer 192.168.0.1:443'), `peer ${stars('192.168.0.1')}:443`);
    assert.equal(masked('IpAddress', 'v 1.2.3.4.5 and 300.1.1.1'), 'v 1.2.3.4.5 and 300.1.1.1');
    assert.equal(masked('IpAddress', 'fe80::1ff:fe23:4567:890a ok'), `${stars('fe80::1ff:fe23:4567:890a')} ok`);
  });

  test('AwsSecretKey needs one of its keywords within 30 characters', () => {
    const key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    assert.equal(masked('AwsSecretKey', `aws_secret_access_key=${key}`), `aws_secret_access_key=${stars(key)}`);
    assert.equal(masked('AwsSecretKey', `Secret-Key: ${key}`), `Secret-Key: ${stars(key)}`);
    assert.equal(masked('AwsSecretKey', `digest ${key}`), `digest ${key}`);
  });

  test('private keys are masked from header to footer', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----';
    assert.equal(masked('PkcsPrivateKey', `key ${pem} end`), `key ${stars(pem)} end`);
    const ssh = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----';
    assert.equal(masked('OpenSshPrivateKey', ssh), stars(ssh));
    assert.equal(masked('PkcsPrivateKey', '-----BEGIN PUBLIC KEY----- x -----END PUBLIC KEY-----'), '-----BEGIN PUBLIC KEY----- x -----END PUBLIC KEY-----');
  });

  test('Ssn-US: a keyword and the issuing rules (no area 000, 666 or 9xx, no group 00, no serial 0000)', () => {
    assert.equal(masked('Ssn-US', 'ssn: 123-45-6789'), `ssn: ${stars('123-45-6789')}`);
    assert.equal(masked('Ssn-US', 'social security number 123456789'), `social security number ${stars('123456789')}`);
    assert.equal(masked('Ssn-US', 'ssn: 666-45-6789 and 123-00-6789'), 'ssn: 666-45-6789 and 123-00-6789');
    assert.equal(masked('Ssn-US', 'order 123-45-6789'), 'order 123-45-6789');
  });

  test('NationalInsuranceNumber-GB: a keyword and HMRC prefix rules', () => {
    assert.equal(masked('NationalInsuranceNumber-GB', 'NINO AB 12 34 56 C'), `NINO ${stars('AB 12 34 56 C')}`);
    assert.equal(masked('NationalInsuranceNumber-GB', 'national insurance: QQ123456C'), 'national insurance: QQ123456C');
    assert.equal(masked('NationalInsuranceNumber-GB', 'ref AB123456C'), 'ref AB123456C');
  });

  test('PhoneNumber-US: NANP area and exchange codes, near a keyword', () => {
    assert.equal(masked('PhoneNumber-US', 'phone (415) 555-2671'), `phone ${stars('(415) 555-2671')}`);
    assert.equal(masked('PhoneNumber-US', 'tel +1 415 555 2671'), `tel ${stars('+1 415 555 2671')}`);
    assert.equal(masked('PhoneNumber-US', 'phone 115-555-2671'), 'phone 115-555-2671');
    assert.equal(masked('PhoneNumber-US', 'id 415-555-2671'), 'id 415-555-2671');
  });

  test('masking counts findings per identifier and masks overlapping findings once', () => {
    const r = maskText('a@b.io 10.0.0.1 c@d.io', [MANAGED_IDENTIFIERS.get('EmailAddress')!, MANAGED_IDENTIFIERS.get('IpAddress')!]);
    assert.deepEqual([...r.findings], [['EmailAddress', 2], ['IpAddress', 1]]);
    assert.equal(r.text, `${stars('a@b.io')} ${stars('10.0.0.1')} ${stars('c@d.io')}`);
  });

  test('custom identifier regexes that could backtrack without bound are refused', () => {
    assert.equal(unsafeRegexReason('(a+)+b'), 'nested quantifiers are not supported');
    assert.equal(unsafeRegexReason('(\\w)\\1'), 'backreferences are not supported');
    assert.equal(unsafeRegexReason('(?=x)y'), 'lookaround is not supported');
    assert.equal(unsafeRegexReason('EMP-\\d{6}'), undefined);
    assert.equal(unsafeRegexReason('(ab|cd){2}[0-9]+'), undefined);
  });
});
