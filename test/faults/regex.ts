/**
 * The regex pattern reproduction: a group of 200 events of 10,000 random a/b characters, filtered with
 * `%a[ab]{900}c%`. The answer must come in under a second, and health must answer within 100 ms throughout.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, FilterLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { healthMs, log, removeDir, rng, sdkConfig, sleep, startChild, tempDir, type FaultOptions, type HarnessResult } from './lib.js';

const NAME = 'regex';
const PATTERN = '%a[ab]{900}c%';

export async function regex(opts: FaultOptions): Promise<HarnessResult> {
  const dir = tempDir(NAME);
  const srv = await startChild(dir);
  let stuck = false;
  try {
    const logs = new CloudWatchLogsClient(sdkConfig(srv.url));
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'regex' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'regex', logStreamName: 's' }));
    const random = rng(opts.seed);
    const now = Date.now();
    for (let b = 0; b < 4; b++) {
      const logEvents = Array.from({ length: 50 }, (_, i) => {
        let m = '';
        for (let k = 0; k < 10_000; k++) m += random() < 0.5 ? 'a' : 'b';
        return { timestamp: now - 60_000 + b * 50 + i, message: m };
      });
      await logs.send(new PutLogEventsCommand({ logGroupName: 'regex', logStreamName: 's', logEvents }));
    }
    log(NAME, `200 events of 10,000 random a/b characters; FilterLogEvents ${PATTERN} while health is polled every 20 ms`);
    let polling = true;
    const health: number[] = [];
    const poller = (async () => {
      while (polling) {
        health.push(await Promise.race([healthMs(srv.url), sleep(2000).then(() => Infinity)]));
        await sleep(20);
      }
    })();
    const t = performance.now();
    let answer = '';
    try {
      const out = await logs.send(new FilterLogEventsCommand({ logGroupName: 'regex', filterPattern: PATTERN }), { abortSignal: AbortSignal.timeout(5000) });
      answer = `${out.events?.length ?? 0} events${out.nextToken ? ', with a nextToken' : ''}`;
    } catch (e) {
      answer = `error ${(e as Error).name}: ${(e as Error).message}`;
    }
    const ms = performance.now() - t;
    await sleep(200);
    polling = false;
    await poller;
    logs.destroy();
    const worst = Math.max(...health);
    if (ms >= 5000) stuck = true;
    log(NAME, `answer (${answer}) after ${ms.toFixed(0)} ms; health: ${health.length} polls, worst ${worst.toFixed(0)} ms`);
    return { ok: ms < 1000 && worst < 100, summary: `filter answered in ${ms.toFixed(0)} ms (< 1000), worst health ${worst.toFixed(0)} ms (< 100)` };
  } finally {
    // A server stuck in a scan would not see SIGTERM before the scan ends.
    if (stuck) await srv.kill9();
    else await srv.stop();
    removeDir(dir);
  }
}
