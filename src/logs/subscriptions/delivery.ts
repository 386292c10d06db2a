/**
 * Delivery of subscribed log events. Storing a chunk of a group with a subscription filter also stores an outbox
 * entry, in the same transaction (`owedToSubscriptions`, called by the chunk writer): a copy of the chunk as stored,
 * still encrypted. A job on the scheduler leader drains the outbox in order: it opens the chunk (through KMS as
 * CloudWatch Logs, like a read), matches each filter's pattern, writes the gzip'd batches to the filter's stream and
 * deletes the entry, all in one transaction. So every committed event is delivered at least once (exactly once
 * unless the stream write succeeds and the commit fails), across restarts and leader changes; a log stream whose
 * delivery fails waits (later entries of that stream are not sent before it), which keeps each stream in order.
 * A failing entry is retried with backoff for up to a day, then dropped (the events stay in the log group).
 */
import type { BackgroundTask } from '../../common/background.js';
import type { RequestContext } from '../../common/operation.js';
import { servicePrincipal } from '../../auth/identity.js';
import type { Store } from '../../store/types.js';
import { openChunk } from '../chunks.js';
import type { LogsCore } from '../core.js';
import { filterMatcher } from '../filter/index.js';
import type { ChunkRecord } from '../model.js';
import type { OutboxEntry } from './model.js';
import { dataMessages, eventId, type DeliveredEvent } from './payload.js';
import { partitionKeyFor, putToTarget, resolveTarget } from './target.js';

const ENTRIES_PER_RUN = 200;
const MAX_BACKOFF_MS = 60_000;
const GIVE_UP_AFTER_MS = 24 * 3_600_000;

/** The chunk writer's hook: owes the chunk to the group's subscription filters, if it has any. */
export async function owedToSubscriptions(store: Store, chunk: ChunkRecord, now: number): Promise<void> {
  await store.logSubscriptions.enqueue(chunk, now);
}

export interface DeliveryLog {
  fault(context: string, err: unknown): void;
}

export function subscriptionDeliveryTask(core: LogsCore, log?: DeliveryLog, intervalMs = 1_000): BackgroundTask {
  return {
    name: 'logs-subscription-delivery',
    intervalMs,
    async runOnce() {
      const now = core.clock.now();
      const entries = await core.store.logSubscriptions.dueEntries(now, ENTRIES_PER_RUN);
      const held = new Set<number>();
      for (const e of entries) {
        if (held.has(e.streamId)) continue;
        try {
          // The entry is taken out first, in the transaction that delivers it: a run that overlaps this one (the
          // scheduler's and an explicit one, or two instances during a leader change) finds it gone and sends
          // nothing, and a failed delivery rolls the removal back.
          await core.store.transaction(async () => {
            if (await core.store.logSubscriptions.complete(e.id)) await deliver(core, e);
          });
        } catch (err) {
          held.add(e.streamId);
          if (now - e.createdAt > GIVE_UP_AFTER_MS) {
            log?.fault('logs-subscription-delivery-dropped', err);
            await core.store.logSubscriptions.complete(e.id);
          } else {
            await core.store.logSubscriptions.postpone(e.id, now + Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** e.attempts));
          }
        }
      }
    },
  };
}

/** Delivers one outbox entry to every filter of its group (throws when any write fails: the whole entry retries). */
async function deliver(core: LogsCore, e: OutboxEntry): Promise<void> {
  const group = await core.store.logs.getGroupById(e.groupId);
  if (!group) return;
  const filters = await core.store.logSubscriptions.filtersOfGroup(e.groupId);
  if (filters.length === 0) return;
  const [stream] = await core.store.logs.getStreamsById(e.groupId, [e.streamId]);
  if (!stream) return;
  const ctx: RequestContext = {
    requestId: 'logs-subscription',
    principal: servicePrincipal('logs', group.region, group.accountId),
    region: group.region,
    sourceIp: '',
    userAgent: 'logs.amazonaws.com',
    time: core.clock.now(),
    secureTransport: true,
  };
  const key = await core.dataKeys.unwrapper(group, ctx)(e.keyArn, e.wrappedKey);
  const cols = await openChunk(e.data, key, { groupId: e.groupId, streamId: e.streamId });
  for (const f of filters) {
    const match = filterMatcher(f.filterPattern);
    const events: DeliveredEvent[] = [];
    for (let i = 0; i < cols.count; i++) {
      // applyOnTransformedLogs: the filter matches, and delivers, the event's transformed version where it has one.
      const message = (f.applyOnTransformedLogs ? cols.transformed?.transformed(i) : undefined) ?? cols.message(i);
      if (!match(message)) continue;
      const timestamp = cols.times[i]!;
      events.push({ id: eventId(timestamp, e.streamId, e.firstSeq + cols.seqDeltas[i]!), timestamp, message });
    }
    if (events.length === 0) continue;
    const target = await resolveTarget(core.store, f.destinationArn, f.roleArn);
    if (typeof target === 'string') throw new Error(`subscription filter ${f.filterName}: ${target}`);
    const records = dataMessages(group.accountId, group.name, stream.name, [f.filterName], events);
    await putToTarget(core, target, group, partitionKeyFor(f.distribution, group.name, stream.name), records);
  }
}
