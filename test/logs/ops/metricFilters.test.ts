import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DeleteLogGroupCommand, DeleteMetricFilterCommand, DescribeMetricFiltersCommand, PutMetricFilterCommand, TestMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { parseFilterPattern } from '../../../src/logs/filter/index.js';
import { metricValueOf } from '../../../src/logs/metricFilters.js';
import { createGroupAndStream, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

const tx = (metricValue: string, extra: Record<string, unknown> = {}) => [{ metricName: 'Latency', metricNamespace: 'App', metricValue, ...extra }];

describe('Metric filters (PutMetricFilter, DescribeMetricFilters, DeleteMetricFilter, TestMetricFilter)', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
    await createGroupAndStream(env.logs, 'mf/a', 's');
    await createGroupAndStream(env.logs, 'mf/b', 's');
  });
  after(() => env.dispose());

  test('are created, replaced, described by group, prefix and metric, and deleted', async () => {
    await env.logs.send(new PutMetricFilterCommand({ logGroupName: 'mf/a', filterName: 'lat', filterPattern: '{ $.latency > 0 }', metricTransformations: tx('$.latency') }));
    await env.logs.send(new PutMetricFilterCommand({ logGroupName: 'mf/a', filterName: 'errors', filterPattern: 'ERROR', metricTransformations: tx('1', { metricName: 'Errors', defaultValue: 0 }) }));
    await env.logs.send(new PutMetricFilterCommand({ logGroupName: 'mf/b', filterName: 'bytes', filterPattern: '[ip, user, ts, req, status, size]', metricTransformations: tx('$size', { dimensions: { Status: '$status' } }) }));
    const a = (await env.logs.send(new DescribeMetricFiltersCommand({ logGroupName: 'mf/a' }))).metricFilters!;
    assert.deepEqual(a.map((f) => f.filterName), ['errors', 'lat']);
    assert.equal(a[1]!.filterPattern, '{ $.latency > 0 }');
    assert.deepEqual(a[0]!.metricTransformations, [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1', defaultValue: 0 }]);
    assert.equal(a[0]!.logGroupName, 'mf/a');
    assert.ok(a[0]!.creationTime! > 0);
    assert.deepEqual((await env.logs.send(new DescribeMetricFiltersCommand({ logGroupName: 'mf/a', filterNamePrefix: 'la' }))).metricFilters!.map((f) => f.filterName), ['lat']);
    assert.deepEqual((await env.logs.send(new DescribeMetricFiltersCommand({ metricName: 'Latency', metricNamespace: 'App' }))).metricFilters!.map((f) => f.filterName), ['lat', 'bytes']);
    const p1 = await env.logs.send(new DescribeMetricFiltersCommand({ limit: 2 }));
    const p2 = await env.logs.send(new DescribeMetricFiltersCommand({ limit: 2, nextToken: p1.nextToken }));
    assert.deepEqual([...p1.metricFilters!, ...p2.metricFilters!].map((f) => `${f.logGroupName}/${f.filterName}`), ['mf/a/errors', 'mf/a/lat', 'mf/b/bytes']);

    await env.logs.send(new PutMetricFilterCommand({ logGroupName: 'mf/a', filterName: 'lat', filterPattern: '{ $.latency > 100 }', metricTransformations: tx('$.latency') }));
    assert.equal((await env.logs.send(new DescribeMetricFiltersCommand({ logGroupName: 'mf/a', filterNamePrefix: 'lat' }))).metricFilters![0]!.filterPattern, '{ $.latency > 100 }');
    await env.logs.send(new DeleteMetricFilterCommand({ logGroupName: 'mf/a', filterName: 'lat' }));
    const gone = await sdkError(env.logs.send(new DeleteMetricFilterCommand({ logGroupName: 'mf/a', filterName: 'lat' })));
    assert.deepEqual(gone, { name: 'ResourceNotFoundException', message: 'The specified metric filter does not exist.', status: 400 });
    await env.logs.send(new DeleteLogGroupCommand({ logGroupName: 'mf/b' }));
    assert.deepEqual((await env.logs.send(new DescribeMetricFiltersCommand({}))).metricFilters!.map((f) => f.filterName), ['errors'], "a group's filters go with it");
  });

  test('returns AWS-shaped errors for a bad pattern, a metric value the pattern cannot give, and bad combinations', async () => {
    const bad = await sdkError(env.logs.send(new PutMetricFilterCommand({ logGroupName: 'mf/a', filterName: 'x', filterPattern: '{ $.a = ', metricTransformations: tx('1') })));
    assert.equal(bad.name, 'InvalidParameterException');
    const value = await sdkError(env.logs.send(new PutMetricFilterCommand({ logGroupName: 'mf/a', filterName: 'x', filterPattern: '[a, b]', metricTransformations: tx('$c') })));
    assert.deepEqual(value, {
      name: 'InvalidParameterException',
      message: "Invalid metric value '$c': use a number, or a field the filter pattern extracts ($.path for JSON patterns, $name for space-delimited ones).",
      status: 400,
    });
    const group = await sdkError(env.logs.send(new PutMetricFilterCommand({ logGroupName: 'mf/none', filterName: 'x', filterPattern: 'ERROR', metricTransformations: tx('1') })));
    assert.equal(group.name, 'ResourceNotFoundException');
    const prefix = await sdkError(env.logs.send(new DescribeMetricFiltersCommand({ filterNamePrefix: 'x' })));
    assert.deepEqual(prefix, { name: 'InvalidParameterException', message: 'filterNamePrefix requires logGroupName.', status: 400 });
    const half = await sdkError(env.logs.send(new DescribeMetricFiltersCommand({ metricName: 'Latency' })));
    assert.deepEqual(half, { name: 'InvalidParameterException', message: 'metricName and metricNamespace must be specified together.', status: 400 });
  });

  test('TestMetricFilter numbers the matching messages and shows the values extracted from each', async () => {
    const json = await env.logs.send(new TestMetricFilterCommand({ filterPattern: '{ $.latency > 100 && $.path = "/api*" }', logEventMessages: ['{"latency": 250, "path": "/api/x"}', '{"latency": 50, "path": "/api/y"}', 'not json', '{"latency": 101, "path": "/api"}'] }));
    assert.deepEqual(json.matches, [
      { eventNumber: 1, eventMessage: '{"latency": 250, "path": "/api/x"}', extractedValues: { '$.latency': '250', '$.path': '/api/x' } },
      { eventNumber: 4, eventMessage: '{"latency": 101, "path": "/api"}', extractedValues: { '$.latency': '101', '$.path': '/api' } },
    ]);
    const spaced = await env.logs.send(new TestMetricFilterCommand({ filterPattern: '[ip, user, ts, request, status=4*, size]', logEventMessages: ['127.0.0.1 - [10/Oct/2000] "GET /x" 404 2326', '127.0.0.1 - [10/Oct/2000] "GET /y" 200 10'] }));
    assert.deepEqual(spaced.matches, [
      { eventNumber: 1, eventMessage: '127.0.0.1 - [10/Oct/2000] "GET /x" 404 2326', extractedValues: { $ip: '127.0.0.1', $user: '-', $ts: '10/Oct/2000', $request: 'GET /x', $status: '404', $size: '2326' } },
    ]);
    assert.deepEqual((await env.logs.send(new TestMetricFilterCommand({ filterPattern: 'ERROR', logEventMessages: ['ERROR x', 'INFO y'] }))).matches, [{ eventNumber: 1, eventMessage: 'ERROR x', extractedValues: {} }]);
  });

  test('the metric value is taken from the extracted field, a JSON path, or the constant', () => {
    const json = metricValueOf(parseFilterPattern('{ $.status = 200 }'), '$.timing.ms');
    assert.equal(json('{"status": 200, "timing": {"ms": 42.5}}'), 42.5);
    assert.equal(json('{"status": 500, "timing": {"ms": 1}}'), undefined);
    const spaced = metricValueOf(parseFilterPattern('[ip, status, size]'), '$size');
    assert.equal(spaced('1.2.3.4 200 512'), 512);
    assert.equal(metricValueOf(parseFilterPattern('ERROR'), '1')('ERROR here'), 1);
    assert.equal(metricValueOf(parseFilterPattern('ERROR'), '1')('fine'), undefined);
  });
});
