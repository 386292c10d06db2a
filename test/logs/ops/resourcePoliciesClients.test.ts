/**
 * Resource policies through boto3 (a current release: the log group form with resourceArn and expectedRevisionId)
 * and Debian's AWS CLI v2 2.9 (the account form, which is all that version knows).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { awsCli, awsCliSkipReason } from '../../helpers/awsCli.js';
import { boto3Venv, runPython, DEV_BOTO3_ENV } from '../../helpers/python.js';
import { devAccount, devCreds, startTestServer, type TestServer } from '../../helpers/server.js';

const DOC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'es.amazonaws.com' }, Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
});

const SCRIPT = `
import json, sys, boto3
logs = boto3.client("logs", endpoint_url=sys.argv[1], region_name="us-east-1")
doc = sys.argv[2]
logs.create_log_group(logGroupName="/boto3/slow-logs")
arn = "arn:aws:logs:us-east-1:${devAccount}:log-group:/boto3/slow-logs"
created = logs.put_resource_policy(resourceArn=arn, policyDocument=doc)
try:
    logs.put_resource_policy(resourceArn=arn, policyDocument=doc, expectedRevisionId="stale")
    conflict = None
except logs.exceptions.OperationAbortedException as e:
    conflict = e.response["Error"]["Code"]
updated = logs.put_resource_policy(resourceArn=arn, policyDocument=doc, expectedRevisionId=created["revisionId"])
described = logs.describe_resource_policies(resourceArn=arn, policyScope="RESOURCE")["resourcePolicies"]
logs.delete_resource_policy(resourceArn=arn, expectedRevisionId=updated["revisionId"])
account = logs.put_resource_policy(policyName="es-slow-logs", policyDocument=doc)["resourcePolicy"]
listed = logs.describe_resource_policies()["resourcePolicies"]
logs.delete_resource_policy(policyName="es-slow-logs")
try:
    logs.delete_resource_policy(policyName="es-slow-logs")
    missing = None
except logs.exceptions.ResourceNotFoundException as e:
    missing = e.response["Error"]["Message"]
print(json.dumps({"scope": created["resourcePolicy"]["policyScope"], "conflict": conflict, "revisions": [created["revisionId"], updated["revisionId"]],
                  "described": [[p["resourceArn"], p["revisionId"]] for p in described], "account": [account["policyName"], account["policyScope"]],
                  "listed": [p["policyName"] for p in listed], "missing": missing}))
`;

describe('resource policies from boto3 and the AWS CLI', () => {
  let server: TestServer;
  const venv = boto3Venv();

  before(async () => {
    server = await startTestServer({ dev: true });
  });
  after(async () => {
    await server?.dispose();
  });

  it('boto3 puts a log group policy at its revisions, lists and deletes it, and an account policy by name', { skip: typeof venv === 'string' ? venv : false }, async () => {
    if (typeof venv === 'string') return;
    const r = await runPython(venv, SCRIPT, DEV_BOTO3_ENV, [server.url, DOC]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.scope, 'RESOURCE');
    assert.equal(out.conflict, 'OperationAbortedException');
    assert.notEqual(out.revisions[0], out.revisions[1]);
    assert.deepEqual(out.described, [[`arn:aws:logs:us-east-1:${devAccount}:log-group:/boto3/slow-logs`, out.revisions[1]]]);
    assert.deepEqual(out.account, ['es-slow-logs', 'ACCOUNT']);
    assert.deepEqual(out.listed, ['es-slow-logs']);
    assert.equal(out.missing, 'Policy with name [es-slow-logs] does not exist.');
  });

  it('the AWS CLI puts, describes and deletes an account policy', { skip: awsCliSkipReason() }, async () => {
    const put = await awsCli(server.url, devCreds, ['logs', 'put-resource-policy', '--policy-name', 'cli', '--policy-document', DOC]);
    assert.equal(put.code, 0, put.stderr);
    assert.equal(JSON.parse(put.stdout).resourcePolicy.policyDocument, DOC);
    const described = await awsCli(server.url, devCreds, ['logs', 'describe-resource-policies']);
    assert.deepEqual(JSON.parse(described.stdout).resourcePolicies.map((p: { policyName: string }) => p.policyName), ['cli']);
    assert.equal((await awsCli(server.url, devCreds, ['logs', 'delete-resource-policy', '--policy-name', 'cli'])).code, 0);
    const again = await awsCli(server.url, devCreds, ['logs', 'delete-resource-policy', '--policy-name', 'cli']);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /ResourceNotFoundException.*Policy with name \[cli\] does not exist\./);
  });
});
