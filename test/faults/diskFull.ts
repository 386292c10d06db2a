/**
 * Disk full: the data dir on a small tmpfs, nearly filled by another file; ingest until the disk is full. Writes must
 * fail cleanly (an error answer, the server still healthy), and once space is freed, writes work again without a
 * restart, with every acknowledged event readable. Needs root to mount the tmpfs; skipped with a message otherwise.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, GetLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { faultLines, log, MB, mb, removeDir, sdkConfig, startChild, tempDir, type FaultOptions, type HarnessResult } from './lib.js';

const NAME = 'disk-full';

function tryMount(dir: string): string | undefined {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not root: mounting a tmpfs needs root';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
    return undefined;
  } catch (e) {
    return `mount -t tmpfs failed: ${(e as Error).message.split('\n')[0]}`;
  }
}

export async function diskFull(_opts: FaultOptions): Promise<HarnessResult> {
  const mountPoint = tempDir(NAME);
  const why = tryMount(mountPoint);
  if (why) {
    removeDir(mountPoint);
    log(NAME, `skipped: ${why}`);
    return { ok: true, skipped: why, summary: '' };
  }
  const dataDir = join(mountPoint, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  const srv = await startChild(dataDir);
  const filler = join(mountPoint, 'filler');
  try {
    const logs = new CloudWatchLogsClient(sdkConfig(srv.url));
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'full' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'full', logStreamName: 's' }));
    const free = () => {
      const s = statfsSync(mountPoint);
      return s.bavail * s.bsize;
    };
    writeFileSync(filler, Buffer.alloc(Math.max(0, free() - 3 * MB)));
    log(NAME, `tmpfs of 48 MB, ${mb(free())} left after a filler file; ingesting incompressible events until it is full`);
    const acked: string[] = [];
    let seq = 0;
    const put = async () => {
      const ids = Array.from({ length: 20 }, () => `e${seq++}`);
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: 'full',
          logStreamName: 's',
          logEvents: ids.map((id, i) => ({ timestamp: Date.now() + i, message: `${id} ${randomBytes(3000).toString('base64')}` })),
        }),
      );
      acked.push(...ids);
    };
    let failure = '';
    for (let i = 0; i < 400 && !failure; i++) {
      try {
        await put();
      } catch (e) {
        const err = e as Error & { $metadata?: { httpStatusCode?: number } };
        failure = `${err.$metadata?.httpStatusCode ?? '?'} ${err.name}`;
      }
    }
    const healthy = (await fetch(`${srv.url}/_logseal/health`)).status === 200;
    log(NAME, `${acked.length} events acknowledged, then: ${failure || 'no failure (the disk never filled)'}; health ${healthy ? 'ok' : 'FAILED'}`);
    rmSync(filler);
    let recovered = false;
    let lastError = '';
    for (let i = 0; i < 20 && !recovered; i++) {
      try {
        await put();
        recovered = true;
      } catch (e) {
        lastError = (e as Error).name;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    log(NAME, `space freed: writes ${recovered ? 'work again without a restart' : `still fail (${lastError})`}`);
    const seen = new Set<string>();
    let token: string | undefined;
    for (;;) {
      const page = await logs.send(new GetLogEventsCommand({ logGroupName: 'full', logStreamName: 's', startFromHead: true, nextToken: token }));
      for (const e of page.events ?? []) seen.add(e.message!.split(' ')[0]!);
      if (!page.nextForwardToken || page.nextForwardToken === token) break;
      token = page.nextForwardToken;
    }
    const lost = acked.filter((id) => !seen.has(id)).length;
    logs.destroy();
    log(NAME, `${lost === 0 ? 'every acknowledged event readable' : `${lost} acknowledged events missing`}`);
    for (const f of faultLines(srv).slice(0, 2)) log(NAME, `server fault (expected for a full disk): ${f.slice(0, 300)}`);
    return {
      ok: failure !== '' && healthy && recovered && lost === 0,
      summary: `full disk answered ${failure || 'nothing'}, server healthy, ${recovered ? 'recovered without restart' : 'did not recover'}, ${lost} acknowledged events lost`,
    };
  } finally {
    await srv.stop();
    try {
      execFileSync('umount', [mountPoint], { stdio: 'pipe' });
    } catch {
      /* left mounted: reported by the caller's cleanup */
    }
    removeDir(mountPoint);
  }
}
