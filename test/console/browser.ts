/**
 * What the console's browser tests share: Debian's chromium through playwright-core, the two screen sizes, and the
 * check every screenshot makes (every control labelled, no sideways scrolling).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../helpers/paths.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const BUILT = join(repoRoot, 'console', 'dist', 'index.html');
export const SHOTS = join(repoRoot, 'test-results', 'console');
export const SIZES = [
  { width: 1400, height: 900 },
  { width: 390, height: 844 },
];

/** Why the browser tests are skipped here, or false. */
export const chromiumSkip = existsSync(CHROMIUM) ? false : `Debian's chromium (${CHROMIUM}) is not installed; .ci/run installs it`;

interface PageCheck {
  unlabelled: string[];
  overflow: number;
}

// Runs in the page (kept as text: the test's TypeScript has no DOM types). Every control must have an accessible
// name, and the page must not scroll sideways (wide tables scroll inside their own region).
const PAGE_CHECK = `(() => {
  const unlabelled = [];
  for (const el of document.querySelectorAll('input, select, textarea, button, a[href]')) {
    const byLabel = el.labels ? [...el.labels].map((l) => l.textContent).join(' ') : '';
    const name = (byLabel || el.getAttribute('aria-label') || el.textContent || el.getAttribute('title') || '').trim();
    if (!name) unlabelled.push(el.outerHTML.slice(0, 120));
  }
  return { unlabelled, overflow: document.documentElement.scrollWidth - window.innerWidth };
})()`;

/** Saves the page at both sizes to test-results/console/, and checks labels and sideways scrolling at each. */
export async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SHOTS, `${name}-${size.width}x${size.height}.png`), fullPage: true });
    const check = (await page.evaluate(PAGE_CHECK)) as PageCheck;
    assert.deepEqual(check.unlabelled, [], `${name} at ${size.width}×${size.height}: controls without a label`);
    assert.ok(check.overflow <= 1, `${name} at ${size.width}×${size.height} scrolls sideways by ${check.overflow}px`);
  }
  await page.setViewportSize(SIZES[0]!);
}
