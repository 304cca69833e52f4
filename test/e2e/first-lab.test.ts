// The first lab end to end in Chromium: start the lab, run kubectl in the terminal (pipes, heredocs,
// Ctrl-C), create a namespace, reload the page, and find the namespace still there (the store's log
// in IndexedDB). Most tests ask for the Worker runtime (?runtime=worker): WebContainers cannot boot
// in a test run without StackBlitz's servers; the last test checks that the page tries them and falls back.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dist, ensureBuilt } from './site-build.js';
import { serveStatic, type StaticServer } from './static-server.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`e2e skipped: ${CHROMIUM} is missing (install Debian's chromium to run the browser tests)`);

const isolation = { 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Opener-Policy': 'same-origin' };

/** typeLine types a command into the lab terminal and presses Enter. */
async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('.kl-lab .xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** waitForScreen waits until the terminal's visible text matches. */
async function waitForScreen(page: Page, pattern: RegExp): Promise<string> {
  const rows = page.locator('.kl-lab .xterm-rows');
  await expect.poll(async () => (await rows.innerText()).replace(/\u00a0/g, ' '), { timeout: 30_000 }).toMatch(pattern);
  return rows.innerText();
}

async function startLab(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start lab' }).click();
  await expect.poll(() => page.locator('.kl-lab').getAttribute('data-state'), { timeout: 30_000 }).toBe('running');
}

describe.skipIf(!haveChromium)('first lab in a browser', () => {
  let server: StaticServer;
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    ensureBuilt();
    server = await serveStatic(dist, isolation);
    profile = mkdtempSync(join(tmpdir(), 'kubelab-e2e-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('/ redirects to /en/ and the home page leads to the first lab', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/en\/$/);
    await page.getByRole('link', { name: 'Start the first lab' }).click();
    await page.waitForURL(/\/en\/first-lab\/$/);
    // No lab code is loaded before the learner asks for it.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(scripts.some((s) => /mount-lab|lab-worker|xterm|lab-engine/.test(s))).toBe(false);
    await page.close();
  });

  it('runs kubectl in the terminal and keeps the cluster across a reload', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/en/first-lab/?runtime=worker`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await startLab(page);
    expect(await page.locator('.kl-runtime').textContent()).toContain('Web Worker');
    // The prompt comes with Ready nodes; cluster DNS finishes a moment later (seconds on a busy machine).
    await expect.poll(() => page.locator('.kl-steps [data-state="done"]').count(), { timeout: 20_000 }).toBe(10);

    await typeLine(page, 'kubectl get ns');
    await waitForScreen(page, /kube-system\s+Active/);
    await typeLine(page, 'kubectl create namespace before-reload');
    await waitForScreen(page, /namespace\/before-reload created/);

    await page.reload();
    await startLab(page);
    expect(await page.locator('.kl-status').textContent()).toContain('restored');
    await typeLine(page, 'kubectl get ns before-reload -o name');
    await waitForScreen(page, /^namespace\/before-reload$/m);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('applies a manifest from the page to the lab', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/en/first-lab/?runtime=worker`);
    await startLab(page);
    await typeLine(page, 'kubectl create namespace playground');
    await waitForScreen(page, /namespace\/playground created/);
    await page.getByRole('button', { name: 'Apply to lab' }).click();
    await waitForScreen(page, /\$ kubectl apply -f settings\.yaml\s+configmap\/settings created/);
    await typeLine(page, 'kubectl get cm settings -n playground -o jsonpath={.data.greeting}');
    await waitForScreen(page, /greeting}\s*hello/);
    await page.close();
  });

  it('Reset lab starts a new, empty cluster', async () => {
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${server.url}/en/first-lab/?runtime=worker`);
    await startLab(page);
    const resetButton = page.getByRole('button', { name: 'Reset lab' });
    await resetButton.click();
    // The button hides while the lab resets and shows again once the new cluster runs.
    await expect.poll(() => resetButton.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.locator('.kl-lab').getAttribute('data-state')).toBe('running');
    expect(await page.locator('.kl-status').textContent()).not.toContain('restored');
    await typeLine(page, 'kubectl get ns before-reload');
    await waitForScreen(page, /namespaces "before-reload" not found/);
    await page.close();
  });

  it('runs pipes, a typed heredoc and Ctrl-C in the terminal', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/en/first-lab/?runtime=worker`);
    await startLab(page);
    await typeLine(page, 'kubectl get ns -o name | grep kube- | wc -l');
    await waitForScreen(page, /^3\s*$/m);
    for (const line of ['kubectl apply -f - <<EOF', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: typed-in', 'EOF']) await typeLine(page, line);
    await waitForScreen(page, /^> EOF\s+configmap\/typed-in created/m);
    await typeLine(page, 'kubectl get cm -w');
    await waitForScreen(page, /typed-in\s+0\s+\S+\s*$/m);
    await page.keyboard.press('Control+C');
    await typeLine(page, 'echo after-ctrl-c');
    await waitForScreen(page, /^\^C\s[\s\S]*^after-ctrl-c\s*$/m);
    await page.close();
  });

  it('tries WebContainers first on an isolated page, then falls back to the Worker runtime', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/en/first-lab/`);
    await page.getByRole('button', { name: 'Start lab' }).click();
    await expect.poll(() => page.locator('.kl-runtime').textContent(), { timeout: 10_000 }).toContain('WebContainer');
    await expect.poll(() => page.locator('.kl-lab').getAttribute('data-state'), { timeout: 60_000 }).toBe('running');
    expect(await page.locator('.kl-runtime').textContent()).toMatch(/Web Worker — WebContainers (did not start in time|failed to start)/);
    await typeLine(page, 'kubectl get ns kube-system -o name');
    await waitForScreen(page, /^namespace\/kube-system\s*$/m);
    await page.close();
  }, 120_000);
});
