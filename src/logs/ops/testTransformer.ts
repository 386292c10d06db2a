import type { RequestContext } from '../../common/operation.js';
import type { TestTransformerRequest, TestTransformerResponse } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { compileTransformer } from '../transform/processors.js';

/**
 * TestTransformer: each message with its transformed version, numbered from 1. A message the transformer cannot
 * handle comes back with its original text as the transformed version (what ingestion would keep of it).
 */
export async function testTransformer(_core: LogsCore, input: TestTransformerRequest, ctx: RequestContext): Promise<TestTransformerResponse> {
  const t = compileTransformer(input.transformerConfig);
  const meta = { logGroupName: '', logStreamName: '', accountId: ctx.principal.accountId, region: ctx.region };
  return {
    transformedLogs: input.logEventMessages.map((eventMessage, i) => {
      const r = t.apply(eventMessage, meta);
      return { eventNumber: i + 1, eventMessage, transformedEventMessage: r.ok ? r.json : eventMessage };
    }),
  };
}
