/**
 * The operations of the CloudWatch Logs model that logseal does not serve, by family. Each answers exactly as AWS
 * answers an operation it does not have: HTTP 400 with a bare `{"__type":"UnknownOperationException"}`. A test checks
 * that every modelled operation is either in `operations.ts` or here, and README's "What does not work yet" names
 * these families.
 */
export const ABSENT_LOGS_OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  'field listings of data sources': ['GetLogFields'],
  'field indexes': ['PutIndexPolicy', 'DeleteIndexPolicy', 'DescribeIndexPolicies', 'DescribeFieldIndexes'],
  'scheduled queries': ['CreateScheduledQuery', 'GetScheduledQuery', 'ListScheduledQueries', 'UpdateScheduledQuery', 'DeleteScheduledQuery', 'GetScheduledQueryHistory'],
  'export tasks': ['CreateExportTask', 'CancelExportTask', 'DescribeExportTasks'],
  'import tasks': ['CreateImportTask', 'CancelImportTask', 'DescribeImportTasks', 'DescribeImportTaskBatches'],
  'lookup tables': ['CreateLookupTable', 'GetLookupTable', 'UpdateLookupTable', 'DeleteLookupTable', 'DescribeLookupTables'],
  'deliveries (vended logs)': [
    'CreateDelivery',
    'GetDelivery',
    'DescribeDeliveries',
    'UpdateDeliveryConfiguration',
    'DeleteDelivery',
    'PutDeliverySource',
    'GetDeliverySource',
    'DescribeDeliverySources',
    'DeleteDeliverySource',
    'PutDeliveryDestination',
    'GetDeliveryDestination',
    'DescribeDeliveryDestinations',
    'DeleteDeliveryDestination',
    'PutDeliveryDestinationPolicy',
    'GetDeliveryDestinationPolicy',
    'DeleteDeliveryDestinationPolicy',
    'DescribeConfigurationTemplates',
  ],
  'integrations (OpenSearch, S3 Tables)': [
    'PutIntegration',
    'GetIntegration',
    'ListIntegrations',
    'DeleteIntegration',
    'AssociateSourceToS3TableIntegration',
    'DisassociateSourceFromS3TableIntegration',
    'ListSourcesForS3TableIntegration',
  ],
  'aggregate log group summaries': ['ListAggregateLogGroupSummaries'],
  'storage tiers': ['GetStorageTierPolicy', 'PutStorageTierPolicy'],
  'syslog and bearer-token ingestion': ['PutSyslogConfiguration', 'DeleteSyslogConfiguration', 'ListSyslogConfigurations', 'PutBearerTokenAuthentication'],
  'log objects': ['GetLogObject'],
};
