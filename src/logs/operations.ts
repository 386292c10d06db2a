import { createLogAnomalyDetector } from '../anomaly/service/ops/createLogAnomalyDetector.js';
import { deleteLogAnomalyDetector } from '../anomaly/service/ops/deleteLogAnomalyDetector.js';
import { getLogAnomalyDetector } from '../anomaly/service/ops/getLogAnomalyDetector.js';
import { listAnomalies } from '../anomaly/service/ops/listAnomalies.js';
import { listLogAnomalyDetectors } from '../anomaly/service/ops/listLogAnomalyDetectors.js';
import { updateAnomaly } from '../anomaly/service/ops/updateAnomaly.js';
import { updateLogAnomalyDetector } from '../anomaly/service/ops/updateLogAnomalyDetector.js';
import { deleteQueryDefinition } from '../insights/ops/deleteQueryDefinition.js';
import { describeQueries } from '../insights/ops/describeQueries.js';
import { describeQueryDefinitions } from '../insights/ops/describeQueryDefinitions.js';
import { getLogGroupFields } from '../insights/ops/getLogGroupFields.js';
import { getLogRecord } from '../insights/ops/getLogRecord.js';
import { listLogGroupsForQuery } from '../insights/ops/listLogGroupsForQuery.js';
import { getQueryResults } from '../insights/ops/getQueryResults.js';
import { putQueryDefinition } from '../insights/ops/putQueryDefinition.js';
import { startQuery } from '../insights/ops/startQuery.js';
import { stopQuery } from '../insights/ops/stopQuery.js';
import { decodePutLogEvents } from './eventBatch.js';
import type { LogsOpTable } from './opTypes.js';
import { associateKmsKey } from './ops/associateKmsKey.js';
import { createLogGroup } from './ops/createLogGroup.js';
import { createLogStream } from './ops/createLogStream.js';
import { deleteLogGroup } from './ops/deleteLogGroup.js';
import { deleteAccountPolicy } from './ops/deleteAccountPolicy.js';
import { deleteDataProtectionPolicy } from './ops/deleteDataProtectionPolicy.js';
import { describeAccountPolicies } from './ops/describeAccountPolicies.js';
import { getDataProtectionPolicy } from './ops/getDataProtectionPolicy.js';
import { putAccountPolicy } from './ops/putAccountPolicy.js';
import { putDataProtectionPolicy } from './ops/putDataProtectionPolicy.js';
import { deleteLogStream } from './ops/deleteLogStream.js';
import { deleteRetentionPolicy } from './ops/deleteRetentionPolicy.js';
import { describeLogGroups } from './ops/describeLogGroups.js';
import { describeLogStreams } from './ops/describeLogStreams.js';
import { disassociateKmsKey } from './ops/disassociateKmsKey.js';
import { filterLogEvents } from './ops/filterLogEvents.js';
import { getLogEvents } from './ops/getLogEvents.js';
import { listLogGroups } from './ops/listLogGroups.js';
import { listTagsForResource } from './ops/listTagsForResource.js';
import { listTagsLogGroup } from './ops/listTagsLogGroup.js';
import { putLogEvents } from './ops/putLogEvents.js';
import { putMetricFilter } from './ops/putMetricFilter.js';
import { describeMetricFilters } from './ops/describeMetricFilters.js';
import { deleteMetricFilter } from './ops/deleteMetricFilter.js';
import { testMetricFilter } from './ops/testMetricFilter.js';
import { putLogGroupDeletionProtection } from './ops/putLogGroupDeletionProtection.js';
import { putRetentionPolicy } from './ops/putRetentionPolicy.js';
import { putResourcePolicy } from './ops/putResourcePolicy.js';
import { describeResourcePolicies } from './ops/describeResourcePolicies.js';
import { deleteResourcePolicy } from './ops/deleteResourcePolicy.js';
import { startLiveTail } from './ops/startLiveTail.js';
import { deleteTransformer } from './ops/deleteTransformer.js';
import { getTransformer } from './ops/getTransformer.js';
import { putTransformer } from './ops/putTransformer.js';
import { testTransformer } from './ops/testTransformer.js';
import { tagLogGroup } from './ops/tagLogGroup.js';
import { tagResource } from './ops/tagResource.js';
import { untagLogGroup } from './ops/untagLogGroup.js';
import { untagResource } from './ops/untagResource.js';
import { putSubscriptionFilter } from './ops/putSubscriptionFilter.js';
import { describeSubscriptionFilters } from './ops/describeSubscriptionFilters.js';
import { deleteSubscriptionFilter } from './ops/deleteSubscriptionFilter.js';
import { putDestination } from './ops/putDestination.js';
import { describeDestinations } from './ops/describeDestinations.js';
import { deleteDestination } from './ops/deleteDestination.js';
import { putDestinationPolicy } from './ops/putDestinationPolicy.js';

/**
 * PutLogEvents carries up to 1 MiB of messages; JSON escaping can make the body several times larger (`\u0000` is six
 * bytes for one).
 */
const PUT_LOG_EVENTS_MAX_BODY = 8 * 1024 * 1024;

/** Log groups, streams, events, customer keys, retention and tags. */
export const logsOps: LogsOpTable = {
  CreateLogGroup: { run: createLogGroup },
  DescribeLogGroups: { run: describeLogGroups, readOnly: true },
  DeleteLogGroup: { run: deleteLogGroup },
  ListLogGroups: { run: listLogGroups, readOnly: true },
  PutLogGroupDeletionProtection: { run: putLogGroupDeletionProtection },
  CreateLogStream: { run: createLogStream },
  DescribeLogStreams: { run: describeLogStreams, readOnly: true },
  DeleteLogStream: { run: deleteLogStream },
  // Not read-only, but it must run outside a request transaction: it commits through the group-commit writer
  // (src/logs/writer.ts), which is what makes the response wait for durability. Its body is read into columns by
  // a one-pass decoder (src/logs/eventBatch.ts), with the generic decoder's answers.
  PutLogEvents: { run: putLogEvents, readOnly: true, maxBodyBytes: PUT_LOG_EVENTS_MAX_BODY, decodeJson: decodePutLogEvents },
  GetLogEvents: { run: getLogEvents, readOnly: true },
  FilterLogEvents: { run: filterLogEvents, readOnly: true },
  // Answers with an event stream (src/logs/liveTail/); it writes nothing.
  StartLiveTail: { run: startLiveTail, readOnly: true },
  AssociateKmsKey: { run: associateKmsKey },
  DisassociateKmsKey: { run: disassociateKmsKey },
  PutRetentionPolicy: { run: putRetentionPolicy },
  DeleteRetentionPolicy: { run: deleteRetentionPolicy },
  TagResource: { run: tagResource },
  UntagResource: { run: untagResource },
  ListTagsForResource: { run: listTagsForResource, readOnly: true },
  TagLogGroup: { run: tagLogGroup },
  UntagLogGroup: { run: untagLogGroup },
  ListTagsLogGroup: { run: listTagsLogGroup, readOnly: true },
  // Data protection (src/logs/dataProtection/): group and account policies, masking on read.
  PutDataProtectionPolicy: { run: putDataProtectionPolicy },
  GetDataProtectionPolicy: { run: getDataProtectionPolicy, readOnly: true },
  DeleteDataProtectionPolicy: { run: deleteDataProtectionPolicy },
  PutAccountPolicy: { run: putAccountPolicy },
  DescribeAccountPolicies: { run: describeAccountPolicies, readOnly: true },
  DeleteAccountPolicy: { run: deleteAccountPolicy },
  // Resource policies (src/logs/resourcePolicies/): decide what AWS service principals may write to log groups.
  PutResourcePolicy: { run: putResourcePolicy },
  DescribeResourcePolicies: { run: describeResourcePolicies, readOnly: true },
  DeleteResourcePolicy: { run: deleteResourcePolicy },
  // Log transformers (src/logs/transform/): applied by PutLogEvents, kept in each chunk's trailer.
  PutTransformer: { run: putTransformer },
  GetTransformer: { run: getTransformer, readOnly: true },
  DeleteTransformer: { run: deleteTransformer },
  TestTransformer: { run: testTransformer, readOnly: true },
  // Log anomaly detection (src/anomaly/service/).
  CreateLogAnomalyDetector: { run: createLogAnomalyDetector },
  GetLogAnomalyDetector: { run: getLogAnomalyDetector, readOnly: true },
  ListLogAnomalyDetectors: { run: listLogAnomalyDetectors, readOnly: true },
  UpdateLogAnomalyDetector: { run: updateLogAnomalyDetector },
  DeleteLogAnomalyDetector: { run: deleteLogAnomalyDetector },
  ListAnomalies: { run: listAnomalies, readOnly: true },
  UpdateAnomaly: { run: updateAnomaly },
  // Metric filters (they share the filter pattern language and its value extraction).
  PutMetricFilter: { run: putMetricFilter },
  DescribeMetricFilters: { run: describeMetricFilters, readOnly: true },
  DeleteMetricFilter: { run: deleteMetricFilter },
  TestMetricFilter: { run: testMetricFilter, readOnly: true },
  // Logs Insights (src/insights/). StartQuery and StopQuery write outside a request transaction: the query runs in
  // the background and writes its own state, and StopQuery waits for it.
  StartQuery: { run: startQuery, readOnly: true },
  GetQueryResults: { run: getQueryResults, readOnly: true },
  StopQuery: { run: stopQuery, readOnly: true },
  DescribeQueries: { run: describeQueries, readOnly: true },
  GetLogRecord: { run: getLogRecord, readOnly: true },
  GetLogGroupFields: { run: getLogGroupFields, readOnly: true },
  ListLogGroupsForQuery: { run: listLogGroupsForQuery, readOnly: true },
  PutQueryDefinition: { run: putQueryDefinition },
  DescribeQueryDefinitions: { run: describeQueryDefinitions, readOnly: true },
  DeleteQueryDefinition: { run: deleteQueryDefinition },
  // Subscription filters to Kinesis streams, and destinations (src/logs/subscriptions/).
  PutSubscriptionFilter: { run: putSubscriptionFilter },
  DescribeSubscriptionFilters: { run: describeSubscriptionFilters, readOnly: true },
  DeleteSubscriptionFilter: { run: deleteSubscriptionFilter },
  PutDestination: { run: putDestination },
  DescribeDestinations: { run: describeDestinations, readOnly: true },
  DeleteDestination: { run: deleteDestination },
  PutDestinationPolicy: { run: putDestinationPolicy },
};
