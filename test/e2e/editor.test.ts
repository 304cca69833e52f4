// The lab's editor pane end to end in Chromium (Worker runtime): open a starter file, change the
// replicas, save with Ctrl+S, apply it in the terminal and see the controller change; a file made in
// the terminal shows in the list; a NodePort link clicked in the terminal opens in the preview pane;
// after a reload the edited and the new file are still there; Reset lab brings the starter files back.
// Also: a chapter page loads none of this before Start lab, and its script stays small.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ui } from '../../src/site/ui-strings.js';
import { dist, ensureBuilt } from './site-build.js';
import { serveStatic, type StaticServer } from './static-server.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const PAGE = '/en/concepts/replication-controllers/';
/** PAGE_SCRIPT_BUDGET bounds the JavaScript a chapter page loads before Start lab (uncompressed). */
const PAGE_SCRIPT_BUDGET = 32 * 1024;
const t = ui.en;

async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('.kl-lab .xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function screen(page: Page): Promise<string> {
  return (await page.locator('.kl-lab .xterm-rows').innerText()).replace(/\u00a0/g, ' ');
}

async function waitForScreen(page: Page, pattern: RegExp): Promise<void> {
  // xterm does not render while it is out of view.
  await page.locator('.kl-lab .kl-terminal').scrollIntoViewIfNeeded();
  await expect.poll(() => screen(page), { timeout: 30_000 }).toMatch(pattern);
}

async function startLab(page: Page): Promise<void> {
  await page.getByRole('button', { name: t.startLab }).click();
  await expect.poll(() => page.locator('.kl-lab').getAttribute('data-state'), { timeout: 60_000 }).toBe('running');
}

const editor = (page: Page) => page.locator('.kl-editor textarea');
const fileButton = (page: Page, name: string) => page.locator('.kl-file-list').getByRole('button', { name, exact: true });
const editorStatus = (page: Page) => page.locator('.kl-editor-status');

describe.skipIf(!haveChromium)('the lab editor in a browser', () => {
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    ensureBuilt();
    server = await serveStatic(dist, { 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Opener-Policy': 'same-origin' });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
    // One context for the whole story: its IndexedDB is what a reload finds.
    context = await browser.newContext();
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('loads no lab code before Start lab, and the page script stays small', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}${PAGE}`);
    await page.waitForLoadState('networkidle');
    const scripts = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => /\.m?js(\?|$)/.test(e.name)).map((e) => ({ name: e.name, size: e.decodedBodySize })),
    );
    expect(scripts.filter((s) => /mount-lab|editor-pane|lab-worker|xterm|lab-engine/.test(s.name))).toEqual([]);
    // Starlight's search box loads Pagefind's UI (ui-core, ~94 KB) when the browser is idle,
    // whether it finishes before "networkidle" or not; it is the site's search, not lab code, and
    // `npm run figures` reports it on its own line.
    const bytes = scripts.filter((s) => !/\/ui-core\.[\w-]+\.js/.test(s.name)).reduce((n, s) => n + s.size, 0);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(PAGE_SCRIPT_BUDGET);
    // The editor's markup is on the page but hidden until the lab runs.
    expect(await page.locator('.kl-editor').isHidden()).toBe(true);
    await page.close();
  });

  it('edits a starter file, applies it, keeps it across a reload, and Reset lab restores the starter', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${server.url}${PAGE}?runtime=worker`);
    await startLab(page);

    // The pane lists the home folder's files and opens the first one.
    await expect.poll(() => page.locator('.kl-editor').isVisible()).toBe(true);
    await expect.poll(() => fileButton(page, 'nginx-controller.yaml').isVisible()).toBe(true);
    await fileButton(page, 'nginx-controller.yaml').click();
    await expect.poll(() => editorStatus(page).textContent()).toBe('Opened nginx-controller.yaml.');
    expect(await fileButton(page, 'nginx-controller.yaml').getAttribute('aria-current')).toBe('true');
    const starter = await editor(page).inputValue();
    expect(starter).toMatch(/^ {2}replicas: 2$/m);

    // Change the replicas by typing: the pane marks the file unsaved until Ctrl+S.
    const box = editor(page);
    await box.focus();
    const at = starter.indexOf('replicas: 2') + 'replicas: '.length;
    await box.evaluate((el: HTMLTextAreaElement, i) => el.setSelectionRange(i, i + 1), at);
    await page.keyboard.type('4');
    expect(await page.locator('.kl-editor-dirty').isVisible()).toBe(true);
    // Tab indents by two spaces inside the editor (Escape, then Tab, leaves it).
    await page.keyboard.press('End');
    await page.keyboard.press('Tab');
    expect(await box.inputValue()).toContain('replicas: 4  \n');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Control+S');
    await expect.poll(() => editorStatus(page).textContent()).toBe('Saved nginx-controller.yaml.');
    expect(await page.locator('.kl-editor-dirty').isHidden()).toBe(true);
    expect(await box.inputValue()).toBe(starter.replace('replicas: 2', 'replicas: 4'));

    // The terminal reads what was saved.
    await typeLine(page, 'kubectl apply -f nginx-controller.yaml');
    await waitForScreen(page, /replicationcontroller\/nginx created/);
    await typeLine(page, 'kubectl get rc nginx');
    await waitForScreen(page, /^nginx\s+4\s+\d+\s+\d+\s+\S+\s*$/m);

    // A file written in the terminal appears in the list once the prompt returns.
    for (const line of ['cat > made-here.yaml <<EOF', 'kind: ConfigMap', 'EOF']) await typeLine(page, line);
    await expect.poll(() => fileButton(page, 'made-here.yaml').isVisible(), { timeout: 10_000 }).toBe(true);

    // A NodePort address printed in the terminal opens in the preview pane, not in a new tab.
    await typeLine(page, 'kubectl expose rc nginx --name=web --type=NodePort --port=80');
    await waitForScreen(page, /service\/web exposed/);
    const tab = page.locator('.kl-preview-tabs [role="tab"]', { hasText: 'web' });
    await expect.poll(() => tab.count(), { timeout: 30_000 }).toBe(1);
    const address = page.locator('.kl-preview-address');
    await expect.poll(() => address.inputValue(), { timeout: 30_000 }).toMatch(/^http:\/\/[\d.]+:\d+\/$/);
    const link = `${(await address.inputValue()).replace(/\/$/, '')}/from-terminal`;
    await typeLine(page, `echo ${link}`);
    await waitForScreen(page, new RegExp(`^${link.replace(/[.?/]/g, '\\$&')}\\s*$`, 'm'));
    const row = page.locator('.kl-lab .xterm-rows > div', { hasText: new RegExp(`^${link.replace(/[.?/]/g, '\\$&')}`) }).first();
    const rect = (await row.boundingBox())!;
    const popups: string[] = [];
    context.on('page', (p) => popups.push(p.url()));
    await page.mouse.move(rect.x + 20, rect.y + rect.height / 2);
    await page.mouse.move(rect.x + 30, rect.y + rect.height / 2);
    await page.mouse.click(rect.x + 30, rect.y + rect.height / 2);
    await expect.poll(() => address.inputValue(), { timeout: 10_000 }).toBe(link);
    expect(popups).toEqual([]);

    // A reload brings the files back as they were saved.
    await page.reload();
    await startLab(page);
    expect(await page.locator('.kl-status').textContent()).toContain('restored');
    await expect.poll(() => fileButton(page, 'made-here.yaml').isVisible()).toBe(true);
    await fileButton(page, 'nginx-controller.yaml').click();
    await expect.poll(() => editor(page).inputValue()).toBe(starter.replace('replicas: 2', 'replicas: 4'));
    await typeLine(page, 'cat made-here.yaml');
    await waitForScreen(page, /^kind: ConfigMap\s*$/m);

    // Reset lab throws the files away with the cluster: the starter file is back, the new one gone.
    await page.getByRole('button', { name: t.resetLab }).click();
    await expect.poll(() => page.getByRole('button', { name: t.resetLab }).isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await page.locator('.kl-lab').getAttribute('data-state')).toBe('running');
    await expect.poll(() => editor(page).inputValue()).toBe(starter);
    expect(await fileButton(page, 'made-here.yaml').count()).toBe(0);
    expect(errors).toEqual([]);

    // And so does the next reload.
    await page.reload();
    await startLab(page);
    await expect.poll(() => editor(page).inputValue()).toBe(starter);
    await page.close();
  }, 240_000);

  it('creates a new file from the pane, with labelled controls and announced errors', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}${PAGE}?runtime=worker`);
    await startLab(page);
    await expect.poll(() => editor(page).isEnabled()).toBe(true);
    await page.getByRole('button', { name: t['editor.new'] }).click();
    const name = page.getByRole('textbox', { name: t['editor.newName'] });
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
    await name.fill('../outside.yaml');
    await page.keyboard.press('Enter');
    await expect.poll(() => editorStatus(page).textContent()).toBe(t['editor.name.parent']);
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await name.fill('svc.yaml');
    await page.keyboard.press('Enter');
    await expect.poll(() => editorStatus(page).textContent()).toBe('Created svc.yaml.');
    expect(await editor(page).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('kind: Service');
    await page.getByRole('button', { name: t['editor.save'], exact: true }).click();
    await expect.poll(() => editorStatus(page).textContent()).toBe('Saved svc.yaml.');
    await typeLine(page, 'cat svc.yaml');
    // No newline at the end of the file: the prompt follows on the same line.
    await waitForScreen(page, /cat svc\.yaml\s+kind: Service/);
    // The textarea is named by the pane's heading and the open file.
    expect(await page.getByRole('textbox', { name: `${t['editor.title']} svc.yaml` }).count()).toBe(1);
    await page.close();
  }, 120_000);

  it('speaks Chinese on the Chinese page', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/zh-cn/concepts/replication-controllers/?runtime=worker`);
    const zh = ui['zh-cn'];
    await page.getByRole('button', { name: zh.startLab }).click();
    await expect.poll(() => page.locator('.kl-lab').getAttribute('data-state'), { timeout: 60_000 }).toBe('running');
    await expect.poll(() => page.locator('.kl-editor-title').textContent()).toBe(zh['editor.title']);
    await fileButton(page, 'nginx-controller.yaml').click();
    await expect.poll(() => editorStatus(page).textContent()).toBe('已打开 nginx-controller.yaml。');
    expect(await page.getByRole('button', { name: zh['editor.save'], exact: true }).isVisible()).toBe(true);
    await page.close();
  }, 120_000);
});
