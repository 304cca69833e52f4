// The live cluster in Chromium (Worker runtime): the lab boots 3 Ready nodes, the guestbook's
// manifests (the first lab's starter files) are applied in the terminal, its pods run in the
// terminal and in the cluster view (and its table view), and the guestbook page works in the
// preview — fetched through the lab's network, its fetch() calls bridged back through the worker —
// and again through `kubectl proxy` and the API server's service proxy.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dist, ensureBuilt } from './site-build.js';
import { serveStatic, type StaticServer } from './static-server.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);

async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('.kl-lab .xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function screen(page: Page): Promise<string> {
  return (await page.locator('.kl-lab .xterm-rows').innerText()).replace(/\u00a0/g, ' ');
}

describe.skipIf(!haveChromium)('the live cluster in a browser', () => {
  let server: StaticServer;
  let browser: Browser;
  let profile: string;

  beforeAll(async () => {
    ensureBuilt();
    server = await serveStatic(dist, { 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Opener-Policy': 'same-origin' });
    profile = mkdtempSync(join(tmpdir(), 'kubelab-live-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('runs the guestbook: pods in the terminal and the cluster view, a message posted in the preview', async () => {
    // A fresh context: its IndexedDB holds no cluster from the other suite.
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/en/first-lab/?runtime=worker`);
    await page.getByRole('button', { name: 'Start lab' }).click();
    await expect.poll(() => page.locator('.kl-lab').getAttribute('data-state'), { timeout: 30_000 }).toBe('running');

    // Boot steps name what started; the cluster view shows the master and three Ready nodes. The
    // prompt waits for the nodes; DNS (and maybe the scheduler's first sync) ends a moment later.
    for (const step of ['api-server', 'node-1', 'node-2', 'node-3']) expect(await page.locator(`.kl-steps [data-step="${step}"]`).getAttribute('data-state')).toBe('done');
    for (const step of ['scheduler', 'dns']) await expect.poll(() => page.locator(`.kl-steps [data-step="${step}"]`).getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
    expect(await page.locator('.kl-steps [data-step="node-2"]').innerText()).toContain('192.168.1.102 Ready');
    const view = page.locator('.kl-cluster-view');
    await expect.poll(() => view.locator('.kl-machine').count(), { timeout: 10_000 }).toBe(4);
    for (const [name, ip] of [['node-1', '192.168.1.101'], ['node-2', '192.168.1.102'], ['node-3', '192.168.1.103']]) {
      const card = view.locator(`.kl-machine[data-machine="${name}"]`);
      expect(await card.innerText()).toMatch(new RegExp(`Ready[\\s\\S]*${ip.replace(/\./g, '\\.')} · pods 172\\.17\\.\\d\\.0/24`));
    }

    await typeLine(page, 'ls guestbook');
    await expect.poll(() => screen(page)).toContain('05-frontend-controller.yaml');
    await typeLine(page, 'kubectl apply -f guestbook/');
    await expect.poll(() => screen(page), { timeout: 30_000 }).toMatch(/service\/redis-slave created/);

    // Six pods Running in the picture, spread over the nodes…
    const running = view.locator('.kl-pod[data-health="ok"][data-pod^="default/"]');
    await expect.poll(() => running.count(), { timeout: 60_000 }).toBe(6);
    // Spreading is a score, not a rule (PodTopologySpread's default constraints are ScheduleAnyway),
    // so the three frontends share the nodes unevenly at times; they never all land on one node.
    const frontends = await Promise.all(['node-1', 'node-2', 'node-3'].map((name) => view.locator(`.kl-machine[data-machine="${name}"] .kl-pod[data-pod^="default/frontend-"]`).count()));
    expect(frontends.reduce((a, b) => a + b, 0)).toBe(3);
    expect(frontends.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    // Endpoints follow readiness a moment after the pods run, so the service picture may lag.
    await expect
      .poll(() => view.locator('.kl-service[data-service="default/frontend"]').innerText(), { timeout: 30_000 })
      .toMatch(/NodePort 10\.254\.\d+\.\d+ 80:30001\/TCP[\s\S]*→ (172\.17\.\d\.\d+:80(, )?){3}/);
    // …in the table view…
    await view.getByRole('button', { name: 'Table view' }).click();
    const podsTable = view.locator('table', { has: page.locator('caption', { hasText: 'Pods' }) });
    expect(await podsTable.locator('tbody tr', { hasText: 'Running' }).count()).toBeGreaterThanOrEqual(6);
    await view.getByRole('button', { name: 'Table view' }).click();
    // …and in the terminal.
    await typeLine(page, 'kubectl get pods --no-headers | grep -c "1/1 *Running"');
    await expect.poll(() => screen(page)).toMatch(/^6\s*$/m);

    // The preview opens the guestbook on NodePort 30001 of node-1, through the lab's network.
    const preview = page.locator('.kl-preview');
    await expect.poll(() => preview.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await preview.getByRole('tab').innerText()).toBe('frontend :30001');
    expect(await preview.getByRole('textbox', { name: 'Address in the lab network' }).inputValue()).toBe('http://192.168.1.101:30001/');
    const frame = page.frameLocator('.kl-preview-frame');
    await expect.poll(async () => {
      const text = await frame.locator('body').innerText({ timeout: 1_000 }).catch(() => '');
      if (!text.includes('Guestbook')) await preview.getByRole('button', { name: 'Go' }).click();
      return text;
    }, { timeout: 30_000, interval: 1_000 }).toContain('Guestbook');

    // Post a message: the page's fetch('guestbook.php?cmd=set…') goes through the bridge.
    await frame.locator('#entry').fill('hello from the preview');
    await frame.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => frame.locator('#status').innerText(), { timeout: 15_000 }).toBe('Updated');
    expect(await frame.locator('#entries').innerText()).toContain('hello from the preview');
    // A new page reads the message back through the redis slaves (it polls every 5 s).
    await preview.getByRole('button', { name: 'Go' }).click();
    await expect.poll(() => frame.locator('#entries').innerText({ timeout: 1_000 }).catch(() => ''), { timeout: 30_000, interval: 500 }).toContain('hello from the preview');

    // kubectl proxy listens on the master; its tab opens the same page through the API server's service proxy.
    await typeLine(page, 'kubectl proxy');
    await expect.poll(() => screen(page), { timeout: 10_000 }).toContain('Starting to serve on 127.0.0.1:8001');
    const proxyTab = preview.getByRole('tab', { name: /kubectl proxy :8001/ });
    await expect.poll(() => proxyTab.count(), { timeout: 10_000 }).toBe(1);
    await proxyTab.click();
    // Its start page is the API server's root: the list of paths, not the guestbook.
    await expect.poll(() => frame.locator('body').innerText({ timeout: 1_000 }).catch(() => ''), { timeout: 15_000, interval: 500 }).toContain('"/apis/apps/v1"');
    const address = preview.getByRole('textbox', { name: 'Address in the lab network' });
    await address.fill('http://127.0.0.1:8001/api/v1/namespaces/default/services/frontend/proxy/');
    await preview.getByRole('button', { name: 'Go' }).click();
    await expect.poll(() => frame.locator('body').innerText({ timeout: 1_000 }).catch(() => ''), { timeout: 30_000, interval: 500 }).toContain('hello from the preview');
    await page.locator('.kl-lab .xterm-helper-textarea').focus();
    await page.keyboard.press('Control+C');
    await expect.poll(() => proxyTab.count(), { timeout: 10_000 }).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
