/**
 * One logseal instance as its own process, for the multi-instance tests (which kill some with SIGKILL). Like
 * `logseal serve --database URL --dev`, plus what tests need: a clock offset (LOGSEAL_TEST_CLOCK_OFFSET_MS) and short
 * scheduler intervals (LOGSEAL_TEST_BACKGROUND_MS). Prints `READY <url>` on stdout once it serves; events and faults
 * go to stderr as JSON lines.
 */
import { createWriteStream } from 'node:fs';
import { OffsetClock } from '../../src/common/clock.js';
import { startServer } from '../../src/server/index.js';
import { jsonLineLogger } from '../../src/server/logger.js';

const env = process.env;
const clock = new OffsetClock();
clock.advance(Number(env.LOGSEAL_TEST_CLOCK_OFFSET_MS ?? 0));
const backgroundMs = env.LOGSEAL_TEST_BACKGROUND_MS ? Number(env.LOGSEAL_TEST_BACKGROUND_MS) : undefined;

const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  dataDir: env.LOGSEAL_DATA_DIR!,
  databaseUrl: env.LOGSEAL_DATABASE_URL!,
  dev: true,
  env,
  clock,
  logger: jsonLineLogger(createWriteStream('/dev/null'), process.stderr),
  background: backgroundMs ? { intervalMs: backgroundMs, leaseCheckMs: Math.min(backgroundMs, 1000) } : undefined,
});
process.stdout.write(`READY ${server.url}\n`);
const stop = () => {
  process.off('SIGTERM', stop);
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
