#!/usr/bin/env node
// Runs every compiled test file (dist/test/**/*.test.js) with node's test runner; extra args filter by path substring.
// When PostgreSQL is installed, one throw-away cluster is started for the whole run (dist/test/helpers/pgCluster.js)
// and its URL passed to the test files in LOGSEAL_TEST_PG_URL; each file makes its own databases in it. The cluster
// is stopped and removed at the end, whatever the outcome.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.test.js') ? [join(dir, e.name)] : [],
  );
}

const filters = process.argv.slice(2);
const files = walk('dist/test')
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

const env = { ...process.env };
let cluster;
const helper = resolve('dist/test/helpers/pgCluster.js');
if (!env.LOGSEAL_TEST_PG_URL && existsSync(helper)) {
  const { postgresBinDir, startPgCluster } = await import(pathToFileURL(helper).href);
  if (postgresBinDir()) {
    cluster = await startPgCluster();
    env.LOGSEAL_TEST_PG_URL = cluster.url;
    console.error(`run-tests: PostgreSQL test cluster on port ${cluster.port}`);
  } else {
    console.error('run-tests: PostgreSQL is not installed; its tests are skipped');
  }
}

const stopCluster = () => {
  if (!cluster) return;
  const c = cluster;
  cluster = undefined;
  try {
    c.destroy();
  } catch (err) {
    console.error(`run-tests: stopping the PostgreSQL cluster failed: ${err.message}`);
  }
};

const concurrency = process.env.LOGSEAL_TEST_CONCURRENCY ?? '2';
// --test-force-exit: a file whose tests are over ends even if a handle (a stray child process, a socket) is left
// open, so a failed assertion cannot hold the run until CI's deadline. --test-timeout: no single test runs past
// ten minutes (the longest, the kill -9 crash test, takes about one). The spec reporter lists the failing tests again
// at the very end, so the tail of a CI log names them.
const child = spawn(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-force-exit', '--test-timeout=600000', `--test-concurrency=${concurrency}`, ...files],
  { stdio: 'inherit', env },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    child.kill(signal);
  });
}
const status = await new Promise((resolveExit) => child.on('exit', (code, signal) => resolveExit(code ?? (signal ? 1 : 1))));
stopCluster();
process.exit(status);
