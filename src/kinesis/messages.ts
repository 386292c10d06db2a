/**
 * Amazon Kinesis Data Streams' error messages. Where AWS's wording is documented or recorded (client logs quoting
 * AWS's answers) it is used as is; the ones marked "wording unknown" follow AWS's style but were not seen verbatim.
 */
export const messages = {
  /** Recorded (AWS SDK and CLI output). */
  streamNotFound: (name: string, account: string) => `Stream ${name} under account ${account} not found.`,
  /** Recorded. */
  streamExists: (name: string, account: string) => `Stream ${name} under account ${account} already exists.`,
  /** Recorded. */
  shardNotFound: (shardId: string, name: string, account: string) => `Shard ${shardId} in stream ${name} under account ${account} does not exist`,
  /** Recorded: Java's Date.toString of both times, and the 5-minute tolerance in milliseconds. */
  iteratorExpired: (created: number, now: number) =>
    `Iterator expired. The iterator was created at time ${javaDate(created)} while right now it is ${javaDate(now)} which is further in the future than the tolerated delay of 300000 milliseconds.`,
  /** Wording unknown. */
  noStreamNamed: 'Either StreamName or StreamARN must be provided.',
  /** Wording unknown. */
  streamArnMismatch: (arn: string) => `StreamARN ${arn} does not name a stream of this account and region.`,
  /** Wording unknown. */
  invalidIterator: 'Invalid ShardIterator.',
  /** Wording unknown. */
  sequenceNumberRequired: (type: string) => `Must specify a StartingSequenceNumber for the ${type} ShardIteratorType.`,
  /** Wording unknown. */
  sequenceNumberNotAllowed: (type: string) => `StartingSequenceNumber must not be specified for the ${type} ShardIteratorType.`,
  /** Wording unknown. */
  timestampRequired: 'Must specify a Timestamp for the AT_TIMESTAMP ShardIteratorType.',
  /** Wording unknown. */
  invalidSequenceNumber: (seq: string, shardId: string) => `StartingSequenceNumber ${seq} used in GetShardIterator on shard ${shardId} is not valid for this shard.`,
  /** Wording unknown. */
  shardCountRequired: 'ShardCount must be specified for a stream in PROVISIONED mode.',
  /** Wording unknown. */
  shardCountOnDemand: 'ShardCount must not be specified for a stream in ON_DEMAND mode.',
  /** Wording unknown. */
  shardLimit: (limit: number, requested: number, account: string) =>
    `This request would exceed the shard limit for the account ${account}. Current limit: ${limit}. Requested: ${requested}.`,
  /** Wording unknown. */
  recordTooLarge: (limit: number) => `Record size (partition key and data) exceeds the limit of ${limit} bytes.`,
  /** Wording unknown. */
  hashKeyOutOfRange: (key: string) => `ExplicitHashKey ${key} is outside the hash key range 0 to 2^128 - 1.`,
  /** Wording unknown. */
  tooManyTags: (limit: number) => `A stream can have at most ${limit} tags.`,
  /** Wording unknown. */
  encryptionTypeNone: 'EncryptionType must be KMS.',
  /** Wording unknown. */
  stopKeyMismatch: (keyId: string) => `Stream is not encrypted with KeyId ${keyId}.`,
  /** Wording unknown. */
  streamInUse: (name: string, account: string) => `Stream ${name} under account ${account} is not ACTIVE.`,
  /** Wording unknown. */
  invalidNextToken: 'The NextToken is invalid.',
} as const;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** Java's `Date.toString()` in UTC: `Sun Oct 10 05:17:11 UTC 2021`. */
export function javaDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
