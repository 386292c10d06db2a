/**
 * The operations of the Kinesis model that logseal does not serve, by family. Each answers exactly as AWS answers an
 * operation it does not have (HTTP 400, a bare `{"__type":"UnknownOperationException"}`). A test checks that every
 * modelled operation is either in `operations.ts` or here; the README names these families.
 */
export const ABSENT_KINESIS_OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  'enhanced fan-out consumers (SubscribeToShard is an HTTP/2 event stream)': [
    'RegisterStreamConsumer',
    'DeregisterStreamConsumer',
    'DescribeStreamConsumer',
    'ListStreamConsumers',
    'SubscribeToShard',
  ],
  resharding: ['SplitShard', 'MergeShards', 'UpdateShardCount', 'UpdateStreamMode', 'UpdateStreamWarmThroughput', 'UpdateMaxRecordSize'],
  'retention changes': ['IncreaseStreamRetentionPeriod', 'DecreaseStreamRetentionPeriod'],
  'enhanced monitoring': ['EnableEnhancedMonitoring', 'DisableEnhancedMonitoring'],
  'resource policies': ['PutResourcePolicy', 'GetResourcePolicy', 'DeleteResourcePolicy'],
  'tagging by ARN': ['TagResource', 'UntagResource', 'ListTagsForResource'],
  'account settings and limits': ['DescribeLimits', 'DescribeAccountSettings', 'UpdateAccountSettings'],
};
