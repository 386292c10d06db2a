/**
 * boto3 (a current release, in a throw-away virtualenv) drives the anomaly-detector flow: create a log group and a
 * detector on it, read it back, list detectors and anomalies, update and delete it. Skipped outside CI when the
 * machine's python3 has no boto3; in CI it must run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { boto3Venv, runPython, DEV_BOTO3_ENV } from '../helpers/python.js';
import { devAccount, startTestServer, type TestServer } from '../helpers/server.js';

const SCRIPT = `
import json, sys, boto3
logs = boto3.client("logs", endpoint_url=sys.argv[1], region_name="us-east-1")
logs.create_log_group(logGroupName="/boto3/app")
group_arn = "arn:aws:logs:us-east-1:${devAccount}:log-group:/boto3/app"
created = logs.create_log_anomaly_detector(logGroupArnList=[group_arn], detectorName="boto3-detector", evaluationFrequency="FIVE_MIN")
arn = created["anomalyDetectorArn"]
got = logs.get_log_anomaly_detector(anomalyDetectorArn=arn)
listed = logs.list_log_anomaly_detectors(filterLogGroupArn=group_arn)["anomalyDetectors"]
anomalies = logs.list_anomalies(anomalyDetectorArn=arn)["anomalies"]
logs.update_log_anomaly_detector(anomalyDetectorArn=arn, enabled=False)
paused = logs.get_log_anomaly_detector(anomalyDetectorArn=arn)["anomalyDetectorStatus"]
logs.delete_log_anomaly_detector(anomalyDetectorArn=arn)
try:
    logs.get_log_anomaly_detector(anomalyDetectorArn=arn)
    gone = None
except logs.exceptions.ResourceNotFoundException as e:
    gone = e.response["Error"]["Code"]
print(json.dumps({"arn": arn, "name": got["detectorName"], "groups": got["logGroupArnList"], "listed": [d["anomalyDetectorArn"] for d in listed], "anomalies": anomalies, "paused": paused, "gone": gone}))
`;

describe('boto3 anomaly detectors', () => {
  let server: TestServer;
  const venv = boto3Venv();

  before(async () => {
    server = await startTestServer({ dev: true });
  });
  after(async () => {
    await server?.dispose();
  });

  it('creates a detector, lists it and its anomalies, pauses and deletes it', { skip: typeof venv === 'string' ? venv : false }, async () => {
    if (typeof venv === 'string') return;
    const r = await runPython(venv, SCRIPT, DEV_BOTO3_ENV, [server.url]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.match(out.arn, new RegExp(`^arn:aws:logs:us-east-1:${devAccount}:anomaly-detector:[0-9a-f-]+$`));
    assert.equal(out.name, 'boto3-detector');
    assert.deepEqual(out.groups, [`arn:aws:logs:us-east-1:${devAccount}:log-group:/boto3/app`]);
    assert.deepEqual(out.listed, [out.arn]);
    assert.deepEqual(out.anomalies, []);
    assert.equal(out.paused, 'PAUSED');
    assert.equal(out.gone, 'ResourceNotFoundException');
  });
});
