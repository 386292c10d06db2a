import type { OperationDef, OperationTable, RequestContext } from '../common/operation.js';
import type { KinesisCore } from './core.js';
import { addTagsToStream } from './ops/addTagsToStream.js';
import { createStream } from './ops/createStream.js';
import { deleteStream } from './ops/deleteStream.js';
import { describeStream } from './ops/describeStream.js';
import { describeStreamSummary } from './ops/describeStreamSummary.js';
import { getRecords } from './ops/getRecords.js';
import { getShardIterator } from './ops/getShardIterator.js';
import { listShards } from './ops/listShards.js';
import { listStreams } from './ops/listStreams.js';
import { listTagsForStream } from './ops/listTagsForStream.js';
import { putRecord } from './ops/putRecord.js';
import { putRecords } from './ops/putRecords.js';
import { removeTagsFromStream } from './ops/removeTagsFromStream.js';
import { startStreamEncryption } from './ops/startStreamEncryption.js';
import { stopStreamEncryption } from './ops/stopStreamEncryption.js';

interface KinesisOp {
  run(core: KinesisCore, input: any, ctx: RequestContext): Promise<unknown>;
  readOnly?: boolean;
  maxBodyBytes?: number;
}

const MiB = 1024 * 1024;

/**
 * The Kinesis Data Streams operations served. Every other operation of the model answers as AWS answers an unknown
 * operation (the list is `absent.ts`). Control operations take 1 MiB bodies; PutRecord a 1 MiB record, PutRecords
 * 5 MiB of records, both base64 in JSON.
 */
export const kinesisOps: Readonly<Record<string, KinesisOp>> = {
  CreateStream: { run: createStream },
  DeleteStream: { run: deleteStream },
  DescribeStream: { run: describeStream, readOnly: true },
  DescribeStreamSummary: { run: describeStreamSummary, readOnly: true },
  ListStreams: { run: listStreams, readOnly: true },
  ListShards: { run: listShards, readOnly: true },
  GetShardIterator: { run: getShardIterator, readOnly: true },
  GetRecords: { run: getRecords, readOnly: true },
  PutRecord: { run: putRecord, maxBodyBytes: 2 * MiB },
  PutRecords: { run: putRecords, maxBodyBytes: 8 * MiB },
  StartStreamEncryption: { run: startStreamEncryption },
  StopStreamEncryption: { run: stopStreamEncryption },
  AddTagsToStream: { run: addTagsToStream },
  RemoveTagsFromStream: { run: removeTagsFromStream },
  ListTagsForStream: { run: listTagsForStream, readOnly: true },
};

export function kinesisOperations(core: KinesisCore): OperationTable {
  const table: Record<string, OperationDef> = {};
  for (const [name, op] of Object.entries(kinesisOps)) {
    table[name] = { handler: (input, ctx) => op.run(core, input, ctx), readOnly: op.readOnly, maxBodyBytes: op.maxBodyBytes ?? MiB };
  }
  return table;
}
