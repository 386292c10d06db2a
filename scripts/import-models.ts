/**
 * Copies botocore's service models of the services from `<repo>/../shared/aws-models/` (or the folder given)
 * into `models/aws/`, without their documentation text. The protocol layer is generated from these copies
 * (`npm run codegen`), so a clone builds and tests on its own; run this again when the shared models change.
 *
 *   npm run models:import [-- <sharedModelsDir>]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MODEL_SERVICES = ['iam', 'kinesis', 'kms', 'logs', 'sts'] as const;
export const VENDORED_DIR = 'models/aws';

/** A model without its prose: every `documentation` and `documentationUrl` member removed, recursively. */
export function stripDocumentation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDocumentation);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'documentation' || k === 'documentationUrl') continue;
    out[k] = stripDocumentation(v);
  }
  return out;
}

/** The vendored file's text for a shared model's text (stable formatting, so re-importing changes nothing). */
export function vendoredText(sharedModelText: string): string {
  return JSON.stringify(stripDocumentation(JSON.parse(sharedModelText)), null, 1) + '\n';
}

function main(): void {
  const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const root = here.endsWith('/dist') ? dirname(here) : here;
  const from = process.argv[2] ? resolve(process.argv[2]) : join(root, '..', 'shared', 'aws-models');
  const to = join(root, VENDORED_DIR);
  mkdirSync(to, { recursive: true });
  for (const svc of MODEL_SERVICES) {
    const name = `${svc}.service-2.json`;
    writeFileSync(join(to, name), vendoredText(readFileSync(join(from, name), 'utf8')));
  }
  writeFileSync(join(to, 'LICENSE-botocore.txt'), readFileSync(join(from, 'LICENSE-botocore.txt')), { mode: 0o644 });
  process.stdout.write(`wrote ${MODEL_SERVICES.length} models to ${VENDORED_DIR}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
