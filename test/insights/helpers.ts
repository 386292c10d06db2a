/** What the Insights tests share: running a query to its end through the SDK. */
import { GetQueryResultsCommand, StartQueryCommand, type CloudWatchLogsClient, type GetQueryResultsResponse, type StartQueryRequest } from '@aws-sdk/client-cloudwatch-logs';

/** Polls GetQueryResults until the query leaves Scheduled/Running. */
export async function waitForQuery(logs: CloudWatchLogsClient, queryId: string): Promise<GetQueryResultsResponse> {
  for (let i = 0; i < 500; i++) {
    const r = await logs.send(new GetQueryResultsCommand({ queryId }));
    if (r.status !== 'Running' && r.status !== 'Scheduled') return r;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`query ${queryId} did not finish`);
}

/** Starts a query and waits for its results. */
export async function runQuery(logs: CloudWatchLogsClient, input: StartQueryRequest): Promise<GetQueryResultsResponse> {
  const { queryId } = await logs.send(new StartQueryCommand(input));
  return waitForQuery(logs, queryId!);
}

/** Results as plain objects `{field: value}` (without @ptr). */
export function rows(r: GetQueryResultsResponse): Record<string, string>[] {
  return (r.results ?? []).map((row) => Object.fromEntries(row.filter((f) => f.field !== '@ptr').map((f) => [f.field!, f.value!])));
}
