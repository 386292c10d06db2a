/**
 * CloudWatch Logs' error messages, worded as AWS sends them. Tests assert these exact strings; add new ones here,
 * never inline in an operation. Where AWS's own wording is known to mislead, or was not found, the entry says so.
 */

/** The retention values PutRetentionPolicy accepts (the model documents them on the `Days` shape). */
export const RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export const MAX_BATCH_BYTES = 1_048_576;

export const messages = {
  groupExists: 'The specified log group already exists',
  /** LimitExceededException (moto's wording of AWS's answer). */
  limitExceeded: 'Resource limit exceeded.',
  groupNotFound: 'The specified log group does not exist.',
  streamExists: 'The specified log stream already exists',
  streamNotFound: 'The specified log stream does not exist.',
  invalidNextToken: 'The specified nextToken is invalid.',
  nameAndArnExclusive: 'LogGroup name and LogGroup ARN are mutually exclusive parameters.',
  /** Not found in AWS's recorded answers; worded after the mutually-exclusive message. */
  nameOrArnRequired: 'Either LogGroup name or LogGroup ARN must be specified.',
  prefixAndPatternExclusive: 'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
  /**
   * DescribeLogGroups documents that with `logGroupIdentifiers` "the only other filter that you can choose to specify
   * is includeLinkedAccounts". AWS's wording was not found.
   */
  identifiersWithOtherFilters: 'logGroupIdentifiers cannot be combined with logGroupNamePrefix, logGroupNamePattern or logGroupClass.',
  orderByLastEventTimeWithPrefix: 'Cannot order by LastEventTime with a logStreamNamePrefix.',
  /** Not found in AWS's recorded answers. */
  streamNamesAndPrefixExclusive: 'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.',
  chronologicalOrder: 'Log events in a single PutLogEvents request must be in chronological order.',
  batchSpan: 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
  uploadTooLarge: (bytes: number) => `Upload too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`,
  retentionNotAllowed: (days: number) =>
    `1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
  /** AWS's wording was not found. */
  deletionProtected: (name: string) => `Log group '${name}' has deletion protection enabled and cannot be deleted.`,
  /** CreateLogGroup documents the rule; AWS's wording was not found. */
  reservedGroupName: "Log group names can't start with the string 'aws/'.",

  /**
   * AWS answers a key id or alias with "The specified KMS Key Id could not be found.", which sends people looking
   * for a key that exists. Ours says what is wrong.
   */
  kmsKeyNotArn: (kmsKeyId: string) =>
    `Invalid kmsKeyId '${kmsKeyId}': CloudWatch Logs needs the ARN of a KMS key (arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID), not a key ID or an alias.`,
  kmsKeyNotFound: 'The specified KMS Key Id could not be found.',
  /** AWS's message, then the cause it leaves out: the key ARN names another region than the log group's. */
  kmsKeyOtherRegion: (keyArn: string, keyRegion: string, groupRegion: string) =>
    `The specified KMS Key Id could not be found. ${keyArn} is a key of ${keyRegion}; CloudWatch Logs in ${groupRegion} can use only keys of ${groupRegion}.`,
  /** KMS's refusal of an asymmetric key (when the policy hides its spec from DescribeKey), then what it means here. */
  kmsKeyAsymmetric: (keyArn: string, cause: string) =>
    `The specified KMS key cannot be used: ${cause}. ${keyArn} is not a symmetric encryption key; CloudWatch Logs needs one (key spec SYMMETRIC_DEFAULT, key usage ENCRYPT_DECRYPT).`,
  /** The key exists but KMS refuses to use it (disabled, pending deletion, …); `cause` is KMS's own message. */
  kmsKeyUnusableForGroup: (cause: string) => `The specified KMS key cannot be used: ${cause}`,
  kmsKeyNotSymmetric: (keyArn: string, keySpec: string, keyUsage: string) =>
    `CloudWatch Logs supports only symmetric encryption KMS keys; ${keyArn} has key spec ${keySpec} and key usage ${keyUsage}.`,
  /** The seed walkthrough's wording; AWS today says "… used with Arn '…'". */
  kmsKeyNotAllowed: (groupArn: string) => `The specified KMS key does not exist or is not allowed to be used with LogGroup '${groupArn}'`,
  /** Reading or writing data under a key KMS no longer lets CloudWatch Logs use. Not AWS's wording (not found). */
  kmsKeyUnavailable: (keyArn: string, groupArn: string, cause: string) =>
    `The KMS key ${keyArn} that encrypts data of LogGroup '${groupArn}' cannot be used: ${cause}`,
  bothGroupAndResource: 'LogGroup name and resource identifier are mutually exclusive parameters.',
  groupOrResourceRequired: 'Either LogGroup name or resource identifier must be specified.',
  unsupportedResourceIdentifier: (id: string) => `Unsupported resource identifier: ${id}`,

  /** AWS's wording was not found. */
  metricFilterNotFound: 'The specified metric filter does not exist.',
  /** AWS's wording was not found; the rule is documented on MetricTransformation.metricValue. */
  invalidMetricValue: (value: string) =>
    `Invalid metric value '${value}': use a number, or a field the filter pattern extracts ($.path for JSON patterns, $name for space-delimited ones).`,
  /** AWS's wording was not found. */
  filterPrefixNeedsGroup: 'filterNamePrefix requires logGroupName.',
  /** AWS's wording was not found. */
  metricNameAndNamespace: 'metricName and metricNamespace must be specified together.',
  /** AWS's wording was not found; AWS documents at most three dimensions. */
  tooManyDimensions: 'A metric transformation can have at most 3 dimensions.',

  /** TagResource / TagLogGroup beyond AWS's quota of 50 tags per resource. */
  tooManyTags: 'A resource can have no more than 50 tags.',
  invalidResourceArn: (arn: string) => `Invalid resource ARN: ${arn}`,
  reservedTagKey: 'Tag keys beginning with aws: are reserved.',

  /**
   * AccessDeniedException: CreateLogGroup with tags by a caller not allowed logs:TagResource (AWS's wording, quoted in
   * DataDog/cloudformation-template PR 61; earlier responses stopped after "with Tags").
   */
  createWithTagsDenied: (accountId: string) =>
    `User with accountId: ${accountId} is not authorized to perform CreateLogGroup with Tags. An additional permission "logs:TagResource" is required.`,

  /** Data protection policies (group and account level). AWS's wording of these refusals was not found. */
  invalidDataProtectionPolicy: (detail: string) => `Invalid data protection policy: ${detail}.`,
  dpPolicyTooLong: (max: number) => `the document exceeds ${max} characters`,
  dpUnknownIdentifier: (ref: string) => `unsupported data identifier ${ref}`,
  dpPolicyNotFound: 'The specified data protection policy does not exist.',
  accountPolicyNotFound: (name: string) => `The specified account policy ${name} does not exist.`,
  /** PutAccountPolicy of a type logseal does not serve (every type but DATA_PROTECTION_POLICY). */
  policyTypeUnsupported: (type: string) => `Account policies of type ${type} are not supported by this endpoint.`,
  accountPolicyScope: 'An account-level data protection policy applies to all log groups: scope must be ALL and selectionCriteria must not be set.',
  /** AWS allows one account-level data protection policy per account and region; wording not found. */
  accountPolicyLimit: 'An account can have only one account-level data protection policy; delete it or put it again under its name.',

  /**
   * Resource policies. Recorded from AWS (LocalStack's AWS-validated snapshots, 2026): the unknown name on delete and
   * the 11th account policy (`limitExceeded`). "Could not convert to persistable policy." is AWS's answer to a
   * document naming a service as an `AWS` principal (terraform-provider-aws issue 32260); it is used for every
   * document the policy grammar refuses, since AWS's other wordings were not found. The rest were not found either.
   */
  resourcePolicyNotFound: (name: string) => `Policy with name [${name}] does not exist.`,
  resourcePolicyNotPersistable: 'Could not convert to persistable policy.',
  resourcePolicyNameOrArn: 'Exactly one of policyName and resourceArn must be specified.',
  resourcePolicyDocumentRequired: "1 validation error detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null",
  /** The account-level limit of 5,120 characters, worded as AWS's validation did when the model carried it. */
  resourcePolicyTooLong: (doc: string, max: number) =>
    `1 validation error detected: Value '${doc}' at 'policyDocument' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
  resourcePolicyRevisionOnlyForResource: 'expectedRevisionId applies only to a resource-scoped policy (resourceArn).',
  resourcePolicyRevisionRequired: 'expectedRevisionId is required to delete a resource-scoped policy.',
  /** OperationAbortedException: a conditional put or delete named a revision that is not the current one. */
  resourcePolicyRevisionConflict: (arn: string) =>
    `The resource policy of ${arn} was changed by another request: expectedRevisionId does not match its current revision.`,
  resourcePolicyNotFoundForResource: (arn: string) => `No resource policy exists for resource [${arn}].`,
  resourcePolicyScopeConflict: 'resourceArn cannot be used with policyScope ACCOUNT.',
  /** Live Tail (StartLiveTail). AWS's wording of these was not found; the conditions are AWS's documented ones. */
  liveTailNamesAndPrefixes: 'logStreamNames and logStreamNamePrefixes are mutually exclusive parameters.',
  liveTailStreamsNeedOneGroup: 'logStreamNames and logStreamNamePrefixes can be specified only when logGroupIdentifiers has exactly one log group.',
  liveTailArnRequired: (id: string) => `Log group identifier must be a log group ARN: ${id}`,
  /** LimitExceededException: AWS allows 15 concurrent Live Tail sessions per account and Region. */
  liveTailTooManySessions: (max: number) => `The maximum number of concurrent Live Tail sessions (${max}) has been reached.`,
  liveTailTimeout: 'Live Tail session timed out after 3 hours.',
  liveTailStreamingError: 'An unknown error occurred during the Live Tail session.',
  // Transformers (src/logs/transform/). AWS's wording for these refusals was not found: the rules are AWS's
  // documented ones ("Create and manage log transformers", "Processors that you can use"), the sentences ours.
  invalidTransformer: (detail: string) => `Invalid transformer configuration: ${detail}.`,
  transformerNotFound: 'The specified transformer does not exist.',
  transformerNotStandard: 'Transformers can be created only for log groups in the STANDARD log class.',
  transformerOneKind: (n: number) => `processor ${n} must name exactly one processor type`,
  transformerFirstParser: 'the first processor must be a parser (parseJSON, grok, csv, parseKeyValue or a built-in parser)',
  transformerVendedFirst: (kind: string) => `${kind} is a built-in parser and must be the first processor`,
  transformerTooManyParsers: (max: number) => `a transformer can have at most ${max} parser-type processors`,
  transformerOnce: (kind: string) => `a transformer can include only one ${kind} processor`,
  transformerFirstSource: (kind: string) => `${kind} as the first processor must parse @message`,
  transformerKeyTooDeep: (what: string, path: string, max: number) => `${what} ${path} is nested deeper than ${max} levels`,
  transformerBadKey: (what: string, path: string) => `${what} ${path} is not a valid key`,
  transformerCsvDelimiter: 'the csv delimiter must be one character, or \\t or \\s',
  transformerCsvQuoteIsDelimiter: 'the csv quoteCharacter and delimiter must differ',
  transformerFlattenedElement: 'flattenedElement (first or last) is required when flatten is true',
  transformerFlattenedElementWithoutFlatten: 'flattenedElement can be set only when flatten is true',
  transformerRegexNotLinear: (re: string) => `the regular expression ${re} cannot be run in linear time (backreferences and lookaround are not supported)`,
  transformerBadRegex: (re: string) => `${re} is not a valid regular expression`,
  transformerTimezone: (tz: string) => `${tz} is not a valid time zone`,
  transformerLocale: (locale: string) => `${locale} is not a valid locale`,
  transformerUnsupported: (kind: string) => `the ${kind} processor is not supported by this endpoint`,
};
