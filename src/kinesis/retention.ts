import type { BackgroundTask } from '../common/background.js';
import type { KinesisCore } from './core.js';

const HOUR_MS = 3_600_000;
const STREAMS_PER_PAGE = 100;
const RECORDS_PER_DELETE = 1000;

/** Deletes records older than their stream's retention period (24 hours), as AWS trims a shard. */
export function kinesisRetentionTask(core: KinesisCore, intervalMs = 60_000): BackgroundTask {
  return {
    name: 'kinesis-retention',
    intervalMs,
    async runOnce() {
      let afterId = 0;
      for (;;) {
        const streams = await core.store.kinesis.streamsAfter(afterId, STREAMS_PER_PAGE);
        for (const s of streams) {
          const cutoff = core.clock.now() - s.settings.retentionHours * HOUR_MS;
          while ((await core.store.kinesis.deleteRecordsBefore(s.id, cutoff, RECORDS_PER_DELETE)) === RECORDS_PER_DELETE);
        }
        if (streams.length < STREAMS_PER_PAGE) return;
        afterId = streams[streams.length - 1]!.id;
      }
    },
  };
}
