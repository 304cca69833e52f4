// The guestbook lab end to end in Chromium, in English and in Chinese: the task panel, the starter
// files in the terminal's home folder, the solution applied from the page, Check with a wrong
// solution (2 frontends: the failing check and its hint) and then the right one (every check passes),
// and the lab marked done on the progress page across a reload. Worker runtime (?runtime=worker).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labs } from '../../labs/index.js';
import { ui } from '../../src/site/ui-strings.js';
import { dist, ensureBuilt, root } from './site-build.js';
import { serveStatic, type StaticServer } from './static-server.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const solutionDir = join(root, 'labs', 'guestbook', 'solution');
const lab = labs.guestbook!;

async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('.kl-lab .xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function waitForScreen(page: Page, pattern: RegExp): Promise<void> {
  // xterm does not render while the terminal is out of view, and the task panel pushes it down.
  await page.locator('.kl-lab .kl-terminal').scrollIntoViewIfNeeded();
  const rows = page.locator('.kl-lab .xterm-rows');
  await expect.poll(async () => (await rows.innerText()).replace(/\u00a0/g, ' '), { timeout: 30_000 }).toMatch(pattern);
}

/** applyFromPage writes a manifest into the lab and applies it, as a page's Apply button does. */
async function applyFromPage(page: Page, file: string): Promise<void> {
  const yaml = readFileSync(join(solutionDir, file), 'utf8');
  await page.evaluate((detail) => dispatchEvent(new CustomEvent('kubelab:apply', { detail, cancelable: true })), { file, yaml });
  const kind = /^kind: (\w+)/m.exec(yaml)![1]!.toLowerCase();
  const name = /^ {2}name: (\S+)/m.exec(yaml)![1]!;
  await waitForScreen(page, new RegExp(`${kind}/${name} (created|configured)`));
}

/** check presses Check and returns the summary once the results are in. */
async function check(page: Page, running: string): Promise<string> {
  await page.locator('.kl-lab [data-action="check"]').click();
  const summary = page.locator('.kl-check-summary');
  await expect.poll(async () => (await page.locator('.kl-check-list').getAttribute('aria-busy')) === null && (await summary.textContent()) !== running, { timeout: 30_000 }).toBe(true);
  return (await summary.textContent()) ?? '';
}

const plain = (markdown: string) => markdown.replace(/`/g, '');

describe.skipIf(!haveChromium)('the guestbook lab in a browser', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureBuilt();
    server = await serveStatic(dist, { 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Opener-Policy': 'same-origin' });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(['en', 'zh-cn'] as const)('%s: Check fails a wrong solution with its hint, passes the solution, and the lab is done', async (locale) => {
    const t = ui[locale];
    // A fresh context per language: its own IndexedDB (the lab's cluster) and localStorage (progress).
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message} ${e.stack ?? ''}`));
    await page.goto(`${server.url}/${locale}/getting-started/hello-world/?runtime=worker`);
    await expect(page.locator('.kl-task summary').textContent()).resolves.toBe(t.task);
    expect(await page.locator('.kl-task-body').innerText()).toContain(locale === 'en' ? 'Your task' : '任务');
    await page.getByRole('button', { name: t.startLab }).click();
    await expect.poll(() => page.locator('.kl-lab').getAttribute('data-state'), { timeout: 60_000 }).toBe('running');
    await expect.poll(() => page.getByRole('button', { name: t.check, exact: true }).isVisible()).toBe(true);

    // The starter files are in the home folder; the master comes from them, the rest from the solution.
    await typeLine(page, 'ls');
    await waitForScreen(page, /frontend-controller\.yaml/);
    await typeLine(page, 'kubectl apply -f redis-master-controller.yaml -f redis-master-service.yaml');
    await waitForScreen(page, /service\/redis-master created/);
    for (const file of readdirSync(solutionDir).filter((f) => !f.startsWith('redis-master'))) await applyFromPage(page, file);

    await typeLine(page, 'kubectl scale rc frontend --replicas=2');
    await waitForScreen(page, /replicationcontroller\/frontend scaled/);
    const wrong = await check(page, t['check.running']);
    expect(wrong).not.toBe(t['check.allPassed']);
    const frontend = page.locator('.kl-check-list li[data-check-id="frontend-controller"]');
    expect(await frontend.getAttribute('data-status')).toBe('failed');
    const text = await frontend.innerText();
    expect(text).toContain(lab.checks.find((c) => c.id === 'frontend-controller')!.name[locale]);
    expect(text).toContain('wants 3 replicas');
    expect(text).toContain(plain(lab.checks.find((c) => c.id === 'frontend-controller')!.hint[locale]));
    expect(await page.locator('.kl-check-list').getAttribute('aria-live')).toBe('polite');

    await typeLine(page, 'kubectl scale rc frontend --replicas=3');
    await waitForScreen(page, /replicationcontroller\/frontend scaled\s[\s\S]*replicationcontroller\/frontend scaled/);
    // Pods take a moment to pull and start; the learner presses Check again.
    await expect.poll(() => check(page, t['check.running']), { timeout: 90_000, interval: 1_000 }).toBe(t['check.allPassed']);
    expect(await page.locator('.kl-check-list li[data-status="passed"]').count()).toBe(lab.checks.length);
    expect(await page.locator('[data-action="done"]').getAttribute('aria-pressed')).toBe('true');

    // Checked before leaving: the guestbook's own page in the preview may fail a fetch as it unloads.
    expect(errors).toEqual([]);

    await page.goto(`${server.url}/${locale}/progress/`);
    await page.reload();
    expect(await page.locator('.kl-progress li[data-lab-id="guestbook"]').getAttribute('data-done')).toBe('true');
    await context.close();
  }, 240_000);
});
