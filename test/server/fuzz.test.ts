import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { services } from '../../src/protocol/index.js';
import { devCreds, startTestServer, type TestServer } from '../helpers/server.js';
import { jsonCall, queryCall } from '../helpers/sign.js';

let srv: TestServer;
before(async () => {
  srv = await startTestServer({ dev: true });
});
after(() => srv.dispose());

const jsonTargets = [services.kms, services.logs].flatMap((s) => [...s.operations.keys()].map((op) => `${s.targetPrefix}.${op}`));
const queryActions = [services.sts, services.iam].flatMap((s) => [...s.operations.keys()].map((op) => [s.name as 'sts' | 'iam', op] as const));

/** Random JSON-ish and binary bodies, and truncations of plausible ones. */
const bodyArb = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .tuple(fc.dictionary(fc.constantFrom('KeyId', 'logGroupName', 'Plaintext', 'limit', 'Tags', 'logEvents', 'NumberOfBytes'), fc.jsonValue({ maxDepth: 3 })), fc.nat())
    .map(([o, cut]) => {
      const s = JSON.stringify(o);
      return s.slice(0, cut % (s.length + 1));
    }),
);

test('10,000 random and truncated signed bodies never crash the server or produce a 5xx', async () => {
  let n = 0;
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(bodyArb, fc.nat(), fc.boolean(), async (body, pick, useQuery) => {
      let status: number;
      if (useQuery) {
        const [svc, action] = queryActions[pick % queryActions.length]!;
        const text = typeof body === 'string' ? body : body.toString('latin1');
        const r = await queryCall(srv.url, svc, { Action: action, Garbage: text, 'Tags.member.1.Key': text.slice(0, 5) }, devCreds);
        status = r.status;
      } else {
        const r = await jsonCall(srv.url, jsonTargets[pick % jsonTargets.length]!, body, devCreds);
        status = r.status;
        assert.doesNotThrow(() => JSON.parse(r.text), 'every JSON-protocol answer is JSON');
      }
      n++;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      assert.ok(status < 500, `status ${status}`);
    }),
    { numRuns: 10_000 },
  );
  assert.equal(n, 10_000);
  // The server is still healthy afterwards.
  const health = await fetch(`${srv.url}/_logseal/health`);
  assert.equal(health.status, 200);
});

test('every modelled operation decoder answers random bodies with an AWS error or a value, never a crash', async () => {
  const { decodeJsonInput, decodeQueryInput } = await import('../../src/protocol/index.js');
  const { AwsError } = await import('../../src/protocol/errors.js');
  const jsonOps = [services.kms, services.logs].flatMap((s) => [...s.operations.keys()].map((op) => [s, op] as const));
  const queryOps = [services.sts, services.iam].flatMap((s) => [...s.operations.keys()].map((op) => [s, op] as const));
  fc.assert(
    fc.property(bodyArb, fc.nat(), (body, pick) => {
      const [s, op] = jsonOps[pick % jsonOps.length]!;
      try {
        decodeJsonInput(s, op, body);
      } catch (e) {
        assert.ok(e instanceof AwsError, `${s.name}.${op} threw ${String(e)}`);
        assert.ok(e.status < 500);
      }
      const [qs, qop] = queryOps[pick % queryOps.length]!;
      const text = typeof body === 'string' ? body : body.toString('latin1');
      try {
        decodeQueryInput(qs, qop, new URLSearchParams(text));
      } catch (e) {
        assert.ok(e instanceof AwsError, `${qs.name}.${qop} threw ${String(e)}`);
      }
    }),
    { numRuns: 20_000 },
  );
});
