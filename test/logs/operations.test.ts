import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ABSENT_LOGS_OPERATIONS } from '../../src/logs/absent.js';
import { allLogsOps } from '../../src/logs/index.js';
import { services } from '../../src/protocol/index.js';
import { repoRoot } from '../helpers/paths.js';
import { devCreds, startTestServer, type TestServer } from '../helpers/server.js';
import { jsonCall } from '../helpers/sign.js';

const absent = Object.values(ABSENT_LOGS_OPERATIONS).flat();
const served = Object.keys(allLogsOps);

describe('CloudWatch Logs operations', () => {
  test('every modelled operation is served or listed as absent, never both', () => {
    const modelled = [...services.logs.operations.keys()];
    assert.deepEqual(modelled.filter((op) => !served.includes(op) && !absent.includes(op)), []);
    assert.deepEqual(served.filter((op) => absent.includes(op)), []);
    assert.deepEqual(absent.filter((op) => !modelled.includes(op)), []);
    assert.equal(new Set(absent).size, absent.length);
  });

  test("README's not-yet list names every absent family", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const notYet = readme.slice(readme.indexOf('## What does not work yet')).replace(/\s+/g, ' ');
    for (const family of Object.keys(ABSENT_LOGS_OPERATIONS)) assert.ok(notYet.includes(family), family);
  });

  describe('an absent operation', () => {
    let srv: TestServer;
    before(async () => (srv = await startTestServer()));
    after(() => srv.dispose());

    test('answers a bare UnknownOperationException, as AWS answers an operation it does not have', async () => {
      for (const op of absent) {
        const r = await jsonCall(srv.url, `Logs_20140328.${op}`, {}, devCreds);
        assert.equal(r.status, 400, op);
        assert.deepEqual(JSON.parse(r.text), { __type: 'UnknownOperationException' }, op);
      }
    });
  });
});
