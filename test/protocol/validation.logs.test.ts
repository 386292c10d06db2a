import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogStreamsCommand, type OrderBy } from '@aws-sdk/client-cloudwatch-logs';
import { decodeJsonInput, services } from '../../src/protocol/index.js';
import { clientConfig, startTestServer, type TestServer } from '../helpers/server.js';
import { ensureOperation, sdkError, thrown } from './helpers.js';

/** CloudWatch Logs answers constraint violations with InvalidParameterException (HTTP 400). */
function logsError(operation: string, body: unknown) {
  const e = thrown(() => decodeJsonInput(services.logs, operation, JSON.stringify(body)));
  assert.equal(e.code, 'InvalidParameterException');
  assert.equal(e.status, 400);
  return e.message;
}

const ONE = '1 validation error detected: ';
const GROUP_PATTERN = 'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+';

describe('CloudWatch Logs request validation', () => {
  describe('decodeJsonInput', () => {
    // Recorded from AWS: the DescribeLogStreams error Git Bash users get when it rewrites '/aws/...' into a path.
    it('reports a pattern violation with the model pattern', () => {
      assert.equal(
        logsError('DescribeLogStreams', { logGroupName: 'C:/Program Files/Git/aws/lambda/funcname' }),
        "1 validation error detected: Value 'C:/Program Files/Git/aws/lambda/funcname' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
      );
    });

    it('reports a value longer than the maximum length', () => {
      const name = 'g'.repeat(513);
      assert.equal(
        logsError('CreateLogGroup', { logGroupName: name }),
        ONE + `Value '${name}' at 'logGroupName' failed to satisfy constraint: Member must have length less than or equal to 512`,
      );
    });

    it('reports an empty value against both its pattern and its minimum length, pattern first', () => {
      assert.equal(
        logsError('CreateLogGroup', { logGroupName: '' }),
        '2 validation errors detected: ' +
          `Value '' at 'logGroupName' failed to satisfy constraint: ${GROUP_PATTERN}; ` +
          "Value '' at 'logGroupName' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });

    it('reports numbers outside the modelled range', () => {
      assert.equal(
        logsError('GetLogEvents', { logStreamName: 's', limit: 0 }),
        ONE + "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      );
      assert.equal(
        logsError('GetLogEvents', { logStreamName: 's', limit: 10001 }),
        ONE + "Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
      );
    });

    it('reports a value outside an enum with the enum set', () => {
      assert.equal(
        logsError('DescribeLogStreams', { logGroupName: 'g', orderBy: 'Name' }),
        ONE + "Value 'Name' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]",
      );
    });

    it('reports a missing required member as a null value', () => {
      assert.equal(logsError('CreateLogGroup', {}), ONE + "Value null at 'logGroupName' failed to satisfy constraint: Member must not be null");
    });

    it('reports several violations at once, joined by "; "', () => {
      assert.equal(
        logsError('DescribeLogStreams', { logGroupName: 'g', logStreamNamePrefix: 'a:b', orderBy: 'Name', limit: 51 }),
        '3 validation errors detected: ' +
          "Value 'a:b' at 'logStreamNamePrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*; " +
          "Value 'Name' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]; " +
          "Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
      );
    });

    it('names the members of a log event by its 1-based position in logEvents', () => {
      assert.equal(
        logsError('PutLogEvents', { logGroupName: 'g', logStreamName: 's', logEvents: [{ timestamp: 1, message: 'm' }, { timestamp: -1, message: '' }] }),
        '2 validation errors detected: ' +
          "Value '-1' at 'logEvents.2.member.timestamp' failed to satisfy constraint: Member must have value greater than or equal to 0; " +
          "Value '' at 'logEvents.2.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
      assert.equal(
        logsError('PutLogEvents', { logGroupName: 'g', logStreamName: 's', logEvents: [] }),
        ONE + "Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });

    it('reports a bad item of a list of names once, at the list, with the item constraints', () => {
      assert.equal(
        logsError('FilterLogEvents', { logGroupName: 'g', logStreamNames: ['a:b', 'ok'] }),
        ONE +
          "Value '[a:b, ok]' at 'logStreamNames' failed to satisfy constraint: Member must satisfy constraint: " +
          '[Member must have length less than or equal to 512, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [^:*]*]',
      );
    });

    it('reports bad map keys once, at the map, with the key constraints', () => {
      assert.equal(
        logsError('CreateLogGroup', { logGroupName: 'g', tags: { '': 'v' } }),
        ONE +
          "Value '{=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: " +
          '[Member must have length less than or equal to 128, Member must have length greater than or equal to 1, ' +
          'Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$]',
      );
    });

    it("leaves the value out of a logGroupIdentifier that fails its pattern (AWS's wording)", () => {
      const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:g:*';
      const constraint = "failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w#+=/:,.@-]*";
      for (const op of ['GetLogEvents', 'FilterLogEvents', 'DescribeLogStreams']) {
        assert.equal(logsError(op, { logGroupIdentifier: arn, logStreamName: 's' }), ONE + `Value at 'logGroupIdentifier' ${constraint}`);
      }
      assert.equal(
        logsError('DescribeLogGroups', { logGroupIdentifiers: [arn] }),
        ONE + "Value at 'logGroupIdentifiers' failed to satisfy constraint: Member must satisfy constraint: " +
          '[Member must have length less than or equal to 2048, Member must have length greater than or equal to 1, ' +
          'Member must satisfy regular expression pattern: [\\w#+=/:,.@-]*]',
      );
    });

    it('keeps the value in the message for a logGroupName or resourceIdentifier that fails its pattern', () => {
      assert.equal(
        logsError('GetLogEvents', { logGroupName: 'a b', logStreamName: 's' }),
        ONE + `Value 'a b' at 'logGroupName' failed to satisfy constraint: ${GROUP_PATTERN}`,
      );
      assert.ok(logsError('AssociateKmsKey', { resourceIdentifier: 'x y', kmsKeyId: 'k' }).includes("Value 'x y' at 'resourceIdentifier'"));
    });

    it('reports at most ten violations', () => {
      const logEvents = Array.from({ length: 12 }, () => ({ timestamp: 1, message: '' }));
      const message = logsError('PutLogEvents', { logGroupName: 'g', logStreamName: 's', logEvents });
      assert.ok(message.startsWith('10 validation errors detected: '), message);
      assert.equal(message.split('; ').length, 10);
      assert.ok(message.endsWith("Value '' at 'logEvents.10.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1"));
    });
  });

  describe('end to end with the SDK v3 CloudWatchLogsClient', () => {
    let srv: TestServer;
    let logs: CloudWatchLogsClient;
    before(async () => {
      srv = await startTestServer();
      ensureOperation(srv, 'logs', 'CreateLogGroup');
      ensureOperation(srv, 'logs', 'DescribeLogStreams');
      logs = new CloudWatchLogsClient(clientConfig(srv.url));
    });
    after(async () => {
      logs.destroy();
      await srv.dispose();
    });

    it('returns InvalidParameterException for a log group name with a space', async () => {
      const e = await sdkError(logs.send(new CreateLogGroupCommand({ logGroupName: 'a b' })));
      assert.deepEqual(e, {
        name: 'InvalidParameterException',
        message: ONE + `Value 'a b' at 'logGroupName' failed to satisfy constraint: ${GROUP_PATTERN}`,
        status: 400,
      });
    });

    it('returns InvalidParameterException without the value for a log group ARN ending in :* as logGroupIdentifier', async () => {
      const e = await sdkError(logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:g:*' })));
      assert.deepEqual(e, {
        name: 'InvalidParameterException',
        message: ONE + "Value at 'logGroupIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w#+=/:,.@-]*",
        status: 400,
      });
    });

    it('returns InvalidParameterException naming every violation', async () => {
      const e = await sdkError(logs.send(new DescribeLogStreamsCommand({ logGroupName: 'g', orderBy: 'Name' as OrderBy, limit: 0 })));
      assert.deepEqual(e, {
        name: 'InvalidParameterException',
        message:
          '2 validation errors detected: ' +
          "Value 'Name' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]; " +
          "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
        status: 400,
      });
    });
  });
});
