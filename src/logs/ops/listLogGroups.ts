import type { RequestContext } from '../../common/operation.js';
import type { ListLogGroupsRequest, ListLogGroupsResponse, LogGroupSummary } from '../../protocol/generated/logs.js';
import { logGroupArn } from '../arns.js';
import type { LogsCore } from '../core.js';
import type { LogGroupRecord } from '../model.js';
import { decodeListToken, encodeListToken } from '../tokens.js';

const DEFAULT_LIMIT = 50;
/** Groups one call looks at before answering with what it found and a token (AWS also answers partial pages). */
const SCAN_BUDGET = 10_000;
const STORE_PAGE = 500;

/**
 * ListLogGroups: the caller's groups by name with their ARN and class. `logGroupNamePattern` is up to five
 * `|`-separated alternatives, each a case-sensitive substring, or a prefix when it starts with `^`; `logGroupTags`
 * keeps groups having every key given (with one of its values, when values are given). logseal has no data sources,
 * field indexes or linked accounts, so filtering by them, or by another account, lists nothing.
 */
export async function listLogGroups(core: LogsCore, input: ListLogGroupsRequest, ctx: RequestContext): Promise<ListLogGroupsResponse> {
  const accountId = ctx.principal.accountId;
  if (input.dataSources !== undefined || input.fieldIndexNames !== undefined) return { logGroups: [] };
  if (input.accountIdentifiers && input.accountIdentifiers.length > 0 && !input.accountIdentifiers.includes(accountId)) return { logGroups: [] };
  const limit = input.limit ?? DEFAULT_LIMIT;
  const matches = nameMatcher(input.logGroupNamePattern);
  const tags = input.logGroupTags ?? [];
  let after = decodeListToken('list-groups', input.nextToken);
  const found: LogGroupSummary[] = [];
  let scanned = 0;
  let more = true;
  while (found.length < limit && scanned < SCAN_BUDGET && more) {
    const q: { limit: number; after?: string; logGroupClass?: LogGroupRecord['logGroupClass'] } = { limit: STORE_PAGE };
    if (after !== undefined) q.after = after;
    if (input.logGroupClass !== undefined) q.logGroupClass = input.logGroupClass;
    const page = await core.store.logs.listGroups(accountId, ctx.region, q);
    more = page.next !== undefined;
    for (const g of page.items) {
      scanned++;
      after = g.name;
      if (matches(g.name) && tags.every((t) => hasTag(g, t.key, t.values))) {
        found.push({ logGroupName: g.name, logGroupArn: logGroupArn(g.region, g.accountId, g.name), logGroupClass: g.logGroupClass });
        if (found.length >= limit) {
          more = more || page.items[page.items.length - 1] !== g;
          break;
        }
      }
    }
  }
  const out: ListLogGroupsResponse = { logGroups: found };
  if (more && after !== undefined) out.nextToken = encodeListToken('list-groups', after);
  return out;
}

/** A tag filter: the group has the key, with one of the values when values are given. */
function hasTag(g: LogGroupRecord, key: string, values: readonly string[] | undefined): boolean {
  const v = g.tags[key];
  if (v === undefined) return false;
  return !values || values.length === 0 || values.includes(v);
}

function nameMatcher(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined) return () => true;
  const alts = pattern.split('|').map((a) => (a.startsWith('^') ? { prefix: true, text: a.slice(1) } : { prefix: false, text: a }));
  return (name) => alts.some((a) => (a.prefix ? name.startsWith(a.text) : name.includes(a.text)));
}
