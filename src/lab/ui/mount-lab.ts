// Everything a <Lab> needs once the learner presses Start: choose and boot a runtime while the
// progress list names each step, say which runtime runs and why, attach the terminal, the editor,
// the live cluster view and the previews, and handle Reset, "Mark as done", Check (which marks the lab done
// when every check passes) and manifests applied from the page. Loaded by dynamic import only.
import { RealClock } from '../../../engine/util/clock.js';
import { markDone, readProgress } from '../progress.js';
import { startRuntime, type Choice } from '../runtime/select.js';
import type { BootProgress, LabClusterOptions, LabRuntime } from '../runtime/types.js';
import { WebContainerRuntime } from '../runtime/webcontainer.js';
import { WorkerRuntime } from '../runtime/worker-runtime.js';
import { LabTerminal } from '../terminal/xterm-terminal.js';
import { isIOS } from '../runtime/select.js';
import { starterFiles } from '../starter-files.js';
import { filesDatabaseName, IndexedDBFileStore } from '../runtime/indexeddb-file-storage.js';
import { CheckPanel, labPassed } from './check-panel.js';
import { ClusterView } from './cluster-view.js';
import { EditorPane } from './editor-pane.js';
import { PreviewPane } from './preview-pane.js';

const BOOT_TIMEOUT_MS = 15_000;
/** ENGINE_BUNDLE is the engine tree WebContainers mount (scripts/build-engine-bundle.mjs). */
const ENGINE_BUNDLE = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}lab-engine/`;

/** hasEngineBundle asks the site whether it publishes the engine bundle, only when it could be used. */
async function hasEngineBundle(requested: string | null): Promise<boolean> {
  if (requested === 'worker' || globalThis.crossOriginIsolated !== true || isIOS(navigator)) return false;
  const res = await fetch(`${ENGINE_BUNDLE}manifest.json`, { method: 'HEAD' }).catch(() => undefined);
  return res?.ok === true;
}

async function fetchEngineTree() {
  const res = await fetch(`${ENGINE_BUNDLE}tree.json`);
  if (!res.ok) throw new Error(`the engine bundle did not load (HTTP ${res.status})`);
  return res.json();
}

type Strings = Record<string, string>;

export interface LabController {
  /** apply writes a manifest into the lab and runs `kubectl apply -f` on it in the terminal. */
  apply(file: string, yaml: string): Promise<void>;
}

function $(root: HTMLElement, selector: string): HTMLElement {
  const el = root.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`lab markup lacks ${selector}`);
  return el;
}

export async function mountLab(root: HTMLElement): Promise<LabController> {
  const labId = root.dataset.labId!;
  const t: Strings = JSON.parse(root.dataset.strings ?? '{}');
  const status = $(root, '.kl-status');
  const steps = $(root, '.kl-steps');
  const runtimeNote = $(root, '.kl-runtime');
  const terminalHost = $(root, '.kl-terminal');
  const previewPane = new PreviewPane($(root, '.kl-preview'), t.preview ?? 'Preview', t);
  const clusterView = new ClusterView($(root, '.kl-cluster-view'), t);
  const editor = new EditorPane($(root, '.kl-editor'), t);
  const savedHome = { open: () => IndexedDBFileStore.open(filesDatabaseName(labId)), destroy: () => IndexedDBFileStore.destroy(filesDatabaseName(labId)) };
  const cluster: LabClusterOptions = {
    nodes: Number(root.dataset.nodes) || undefined,
    proxyMode: root.dataset.proxyMode as LabClusterOptions['proxyMode'],
    network: root.dataset.network as LabClusterOptions['network'],
  };
  const locale = root.dataset.locale === 'zh-cn' ? 'zh-cn' : 'en';
  const checkButton = root.querySelector<HTMLButtonElement>('[data-action="check"]');
  const checkSection = root.querySelector<HTMLElement>('.kl-checks');
  const checks = checkSection ? new CheckPanel(checkSection, t) : undefined;
  const files = await starterFiles(labId);
  const resetButton = $(root, '[data-action="reset"]') as HTMLButtonElement;
  const readerToggle = $(root, '[data-action="screen-reader"]') as HTMLInputElement;
  const doneButton = $(root, '[data-action="done"]') as HTMLButtonElement;
  const requested = new URLSearchParams(location.search).get('runtime');

  let runtime: LabRuntime | undefined;
  let ready: Promise<void> = Promise.resolve();
  const terminal = new LabTerminal(terminalHost, t.terminalLabel ?? 'Terminal');
  terminal.onLink = (url) => previewPane.openLink(url);
  readerToggle.addEventListener('change', () => terminal.setScreenReaderMode(readerToggle.checked));

  const showStep = (p: BootProgress) => {
    const li = steps.querySelector<HTMLElement>(`[data-step="${p.step}"]`);
    if (!li) return;
    li.dataset.state = p.state;
    const detail = li.querySelector('.kl-step-detail');
    if (detail) detail.textContent = p.detail ? ` — ${p.detail}` : '';
  };
  const showChoice = (c: Choice) => {
    runtimeNote.hidden = false;
    runtimeNote.dataset.runtime = c.kind;
    runtimeNote.textContent = `${t[`runtime.${c.kind}`]} — ${t[`reason.${c.reason}`]}`;
  };

  async function boot(): Promise<void> {
    for (const li of steps.querySelectorAll<HTMLElement>('[data-step]')) li.dataset.state = 'pending';
    steps.hidden = false;
    terminalHost.hidden = false;
    status.textContent = t.booting ?? '';
    root.dataset.state = 'booting';
    try {
      const started = await startRuntime({
        env: {
          crossOriginIsolated: globalThis.crossOriginIsolated === true,
          userAgent: navigator.userAgent,
          platform: navigator.platform,
          maxTouchPoints: navigator.maxTouchPoints,
          requested,
          webContainerEngine: await hasEngineBundle(requested),
        },
        clock: new RealClock(),
        timeoutMs: BOOT_TIMEOUT_MS,
        create: {
          worker: () => new WorkerRuntime(labId, () => new Worker(new URL('../runtime/worker/lab-worker.ts', import.meta.url), { type: 'module' }), files, cluster),
          webcontainer: () => new WebContainerRuntime({ files, engine: fetchEngineTree, cluster, lab: labId, home: savedHome }),
        },
        onProgress: showStep,
        onChoice: showChoice,
      });
      runtime = started.runtime;
      terminal.attach(runtime.openTerminal(terminal));
      previewPane.setFetcher(runtime.fetchPreview?.bind(runtime));
      previewPane.show(runtime.previews());
      runtime.watchPreviews?.((previews) => previewPane.show(previews));
      runtime.watchCluster?.((snapshot) => clusterView.update(snapshot));
      void editor.attach(runtime);
      status.textContent = started.result.restored ? `${t.restored} ${t.ready}` : (t.ready ?? '');
      root.dataset.state = 'running';
      resetButton.hidden = false;
      if (checkButton) checkButton.hidden = !runtime.grade;
    } catch (err) {
      for (const li of steps.querySelectorAll<HTMLElement>('[data-state="active"]')) li.dataset.state = 'failed';
      status.textContent = `${t.failed} ${err instanceof Error ? err.message : String(err)}`;
      root.dataset.state = 'failed';
    }
  }

  resetButton.addEventListener('click', () => {
    if (!confirm(t.resetConfirm ?? 'Reset?')) return;
    ready = (async () => {
      resetButton.hidden = true;
      if (checkButton) checkButton.hidden = true;
      terminal.reset();
      editor.detach();
      await runtime?.reset().catch(() => runtime?.dispose());
      runtime = undefined;
      previewPane.show([]);
      clusterView.clear();
      await boot();
    })();
  });

  const showDone = () => {
    const done = readProgress(localStorage)[labId]?.done === true;
    doneButton.setAttribute('aria-pressed', String(done));
    doneButton.textContent = done ? (t.markedDone ?? '') : (t.markDone ?? '');
  };
  doneButton.addEventListener('click', () => {
    const done = doneButton.getAttribute('aria-pressed') !== 'true';
    markDone(localStorage, labId, done, new Date());
    showDone();
  });
  showDone();
  doneButton.hidden = false;

  // Check grades the cluster as it is now; a full pass marks the lab done.
  checkButton?.addEventListener('click', async () => {
    if (!runtime?.grade || !checks || checkButton.disabled) return;
    checkButton.disabled = true;
    checks.start();
    try {
      const report = await runtime.grade(locale, (r) => checks.add(r));
      checks.finish(report);
      if (labPassed(report)) markDone(localStorage, labId, true, new Date()), showDone();
    } catch (err) {
      checks.error(err instanceof Error ? err.message : String(err));
    } finally {
      checkButton.disabled = false;
    }
  });
  addEventListener('pagehide', () => runtime?.dispose());

  ready = boot();
  await ready;
  return {
    async apply(file, yaml) {
      await ready;
      if (!runtime) return;
      await runtime.files.write(file, yaml);
      terminal.type(`kubectl apply -f ${file}\r`);
    },
  };
}
