/**
 * boto3 (a current release, in a throw-away virtualenv) follows a log group with Live Tail over HTTP/1.1: botocore
 * needs the `initial-response` event first and reads `sessionStart` and `sessionUpdate` events. Its endpoint host
 * prefix is turned off with `inject_host_prefix=False`. Skipped outside CI when the machine's python3 has no boto3.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { boto3Venv, runPython, DEV_BOTO3_ENV } from '../helpers/python.js';
import { devAccount, startTestServer, type TestServer } from '../helpers/server.js';

const SCRIPT = `
import json, sys, time, boto3
from botocore.config import Config
logs = boto3.client("logs", endpoint_url=sys.argv[1], region_name="us-east-1", config=Config(inject_host_prefix=False))
logs.create_log_group(logGroupName="boto3-tail")
logs.create_log_stream(logGroupName="boto3-tail", logStreamName="s")
arn = "arn:aws:logs:us-east-1:${devAccount}:log-group:boto3-tail"
out = logs.start_live_tail(logGroupIdentifiers=[arn], logEventFilterPattern="ERROR")
stream = out["responseStream"]
start = None
found = []
writer = boto3.client("logs", endpoint_url=sys.argv[1], region_name="us-east-1")
writer.put_log_events(logGroupName="boto3-tail", logStreamName="s", logEvents=[
    {"timestamp": int(time.time() * 1000), "message": "INFO fine"},
    {"timestamp": int(time.time() * 1000), "message": "ERROR broken"}])
for event in stream:
    if "sessionStart" in event:
        start = event["sessionStart"]
    elif "sessionUpdate" in event:
        found += [e["message"] for e in event["sessionUpdate"]["sessionResults"]]
        if found:
            break
stream.close()
print(json.dumps({"groups": start["logGroupIdentifiers"], "pattern": start["logEventFilterPattern"], "found": found}))
`;

describe('boto3 Live Tail', () => {
  let server: TestServer;
  const venv = boto3Venv();

  before(async () => {
    server = await startTestServer({ dev: true });
  });
  after(async () => {
    await server?.dispose();
  });

  it('receives sessionStart, then the matching events written after the start', { skip: typeof venv === 'string' ? venv : false }, async () => {
    if (typeof venv === 'string') return;
    const r = await runPython(venv, SCRIPT, DEV_BOTO3_ENV, [server.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { groups: [`arn:aws:logs:us-east-1:${devAccount}:log-group:boto3-tail`], pattern: 'ERROR', found: ['ERROR broken'] });
  });
});
