import type { RequestContext } from '../../common/operation.js';
import type { TestMetricFilterRequest, TestMetricFilterResponse } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { compileExtractor, parseFilterPattern } from '../filter/index.js';

/** The messages a filter pattern matches (numbered from 1) with the values it extracts from each (`$.path`, `$name`). */
export async function testMetricFilter(_core: LogsCore, input: TestMetricFilterRequest, _ctx: RequestContext): Promise<TestMetricFilterResponse> {
  const extract = compileExtractor(parseFilterPattern(input.filterPattern));
  const matches: NonNullable<TestMetricFilterResponse['matches']> = [];
  input.logEventMessages.forEach((eventMessage, i) => {
    const extractedValues = extract(eventMessage);
    if (extractedValues !== null) {
      matches.push({ eventNumber: i + 1, eventMessage, extractedValues: Object.fromEntries(Object.entries(extractedValues).map(([k, v]) => [k, String(v)])) });
    }
  });
  return { matches };
}
