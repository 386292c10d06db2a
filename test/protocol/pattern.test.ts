import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileJavaPattern, convertJavaPattern } from '../../src/protocol/index.js';
import { modelsDir } from '../helpers/paths.js';

const SERVICES = ['iam', 'kms', 'logs', 'sts'] as const;

/** Every distinct `pattern` of a model, with a shape that uses it. */
function modelPatterns(svc: string): Map<string, string> {
  const model = JSON.parse(readFileSync(join(modelsDir, `${svc}.service-2.json`), 'utf8'));
  const out = new Map<string, string>();
  for (const [name, shape] of Object.entries(model.shapes as Record<string, { pattern?: string }>)) {
    if (shape.pattern !== undefined && !out.has(shape.pattern)) out.set(shape.pattern, name);
  }
  return out;
}

/** Asserts which samples the Java pattern accepts under Matcher.matches() semantics (the whole string). */
function check(pattern: string, accepts: string[], refuses: string[]): void {
  const re = compileJavaPattern(pattern);
  for (const s of accepts) assert.ok(re.test(s), `${pattern} should accept ${JSON.stringify(s)}`);
  for (const s of refuses) assert.ok(!re.test(s), `${pattern} should refuse ${JSON.stringify(s)}`);
}

describe('java-regex', () => {
  describe('the model patterns', () => {
    for (const svc of SERVICES) {
      it(`compiles every pattern of the ${svc} model`, () => {
        const patterns = modelPatterns(svc);
        assert.ok(patterns.size >= 10, `${svc} has patterns to check`);
        for (const [pattern, shape] of patterns) {
          assert.doesNotThrow(() => compileJavaPattern(pattern), `${svc} ${shape}: ${pattern}`);
        }
      });
    }
  });

  describe('matching', () => {
    it('matches the whole value, never a part of it (logs LogGroupName)', () => {
      check('[\\.\\-_/#A-Za-z0-9]+', ['/aws/lambda/fn', 'a.b-c_d#1'], ['a b', 'C:/Program Files/x', '', 'ok\n']);
    });

    it('lets a starred class accept the empty string and refuse a forbidden character (logs LogStreamName)', () => {
      check('[^:*]*', ['', '2026/01/01/[$LATEST]abc'], ['a:b', 'a*']);
    });

    it('reads \\w as ASCII word characters, as Java does (IAM names)', () => {
      check('[\\w+=,.@-]+', ['alice', 'svc+ci=1,a.b@c-d', '_'], ['a/b', 'é', 'a b', '']);
    });

    it('supports Unicode categories (IAM and STS tag keys)', () => {
      check('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+', ['Team', 'Ünïcode 名前 ١٢', 'a-b@c'], ['k*', 'a#b', '']);
    });

    it('reads \\s as ASCII whitespace only, as Java does (KMS KeyMaterialDescription)', () => {
      check('^[a-zA-Z0-9:/_\\s.-]+$', ['a b\tc', 'v1.2/x'], ['a\u00A0b', 'a\u2003b', 'x\n\u0085']);
    });

    it('keeps explicit anchors inside the full match (KMS AliasName)', () => {
      check('^[a-zA-Z0-9:/_-]+$', ['alias/my-key_1'], ['alias/x\n', 'alias/bad name', '']);
    });

    it('does not let . match a line terminator (KMS GrantConstraintSourceArn)', () => {
      check('^arn:aws[a-z0-9-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]{12}:.+$', ['arn:aws:s3:us-east-1:123456789012:bucket'], [
        'arn:aws:s3:us-east-1:123456789012:a\nb',
        'arn:aws:s3:us-east-1:123456789012:a\u2028',
        'arn:aws:s3:us-east-1:12345678901:x',
      ]);
    });

    it('reads \\uXXXX as exactly four hex digits, as Java does (STS arnType)', () => {
      // Java parses \u10000 as U+1000 then '0', so the range meant to allow supplementary characters does not.
      const arn = '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+';
      check(arn, ['arn:aws:iam::000000000000:role/r', 'tab\there', '\u0085', 'é'], ['\u0001', '\u{1F600}', '']);
    });

    it('accepts digits only for a \\d class (STS TokenCode)', () => {
      check('[\\d]*', ['123456', ''], ['12a', '１２']);
    });
  });

  describe('conversion', () => {
    it('anchors the converted source and compiles it with the u flag', () => {
      assert.deepEqual(convertJavaPattern('[a-z]+'), { source: '^(?:[a-z]+)$', flags: 'u' });
    });

    it('refuses constructs it does not translate instead of changing their meaning', () => {
      for (const p of ['(?i)abc', '[a[b]]', '\\Qa.b\\E', 'a\\', '\\p{Alpha}', '[abc']) {
        assert.throws(() => convertJavaPattern(p), Error, p);
      }
    });
  });
});
