import type { BackgroundTask } from '../common/background.js';
import type { LogsCore } from './core.js';

const DAY_MS = 86_400_000;
const GROUPS_PER_PAGE = 100;
/** Chunks deleted per statement, so one big backlog never holds the writer for long. */
const CHUNKS_PER_DELETE = 500;

/**
 * Deletes chunks whose newest event is older than their group's retention (clock injected, so tests move time and
 * call `runOnce`). A chunk goes as a whole once all its events expired: like AWS, expired events may stay a while.
 */
export function retentionTask(core: LogsCore, intervalMs = 60_000): BackgroundTask {
  return {
    name: 'logs-retention',
    intervalMs,
    async runOnce() {
      let afterId = 0;
      for (;;) {
        const groups = await core.store.logs.groupsWithRetention(afterId, GROUPS_PER_PAGE);
        for (const g of groups) {
          const cutoff = core.clock.now() - g.retentionDays! * DAY_MS;
          while ((await core.store.logs.deleteChunksBefore(g.id, cutoff, CHUNKS_PER_DELETE)) === CHUNKS_PER_DELETE);
        }
        if (groups.length < GROUPS_PER_PAGE) return;
        afterId = groups[groups.length - 1]!.id;
      }
    },
  };
}
