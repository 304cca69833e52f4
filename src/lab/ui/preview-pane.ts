// The preview pane of a lab: one tab per server the lab opened (a NodePort, `kubectl proxy`, an app
// run in the container) and a frame showing the chosen one. WebContainer previews are real URLs
// (their frames need allow="cross-origin-isolated"). Dataplane previews exist only in the lab's
// network: the pane fetches them through the runtime and shows them in a sandboxed frame whose
// requests come back here through the bridge script (see ../preview/).
import { BRIDGE_TAG } from '../preview/bridge-script.js';
import { previewDocument } from '../preview/preview-document.js';
import type { PreviewPort, PreviewRequest, PreviewResponse } from '../runtime/types.js';

export type PreviewFetch = (request: PreviewRequest) => Promise<PreviewResponse>;

interface BridgeMessage {
  tag: string;
  type: 'fetch' | 'navigate';
  id?: number;
  request: PreviewRequest;
}

/**
 * previewFor finds the preview a URL belongs to: a dataplane preview by its NodePort (every node
 * answers on it), a WebContainer preview by its origin.
 */
export function previewFor(url: string, previews: readonly PreviewPort[]): PreviewPort | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  return previews.find((p) => (p.dataplane ? u.protocol === 'http:' && Number(u.port) === p.port : new URL(p.url).origin === u.origin));
}

export class PreviewPane {
  private current?: number;
  private previews: PreviewPort[] = [];
  private readonly tabs: HTMLElement;
  private readonly bar: HTMLFormElement;
  private readonly address: HTMLInputElement;
  private frame: HTMLIFrameElement;
  private fetcher?: PreviewFetch;
  /** loading numbers navigations so a slow answer never replaces a newer page. */
  private loading = 0;

  constructor(private readonly host: HTMLElement, private readonly label: string, private readonly t: Record<string, string> = {}) {
    this.tabs = document.createElement('div');
    this.tabs.className = 'kl-preview-tabs';
    this.tabs.setAttribute('role', 'tablist');
    this.tabs.setAttribute('aria-label', label);
    this.bar = document.createElement('form');
    this.bar.className = 'kl-preview-bar';
    this.address = document.createElement('input');
    this.address.className = 'kl-preview-address';
    this.address.setAttribute('aria-label', t['preview.address'] ?? 'Address');
    this.address.spellcheck = false;
    const reload = document.createElement('button');
    reload.type = 'submit';
    reload.className = 'kl-button';
    reload.textContent = t['preview.reload'] ?? 'Reload';
    this.bar.append(this.address, reload);
    this.bar.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.load({ method: 'GET', url: this.address.value, headers: [] });
    });
    this.frame = this.newFrame(false);
    host.replaceChildren(this.tabs, this.bar, this.frame);
    host.hidden = true;
    addEventListener('message', (e) => this.receive(e));
  }

  /** setFetcher lets dataplane previews load through the runtime. */
  setFetcher(fetcher: PreviewFetch | undefined): void {
    this.fetcher = fetcher;
  }

  /** show lists the servers; the pane hides when there are none. */
  show(previews: PreviewPort[]): void {
    const before = this.previews.find((p) => p.port === this.current);
    this.previews = previews;
    this.host.hidden = previews.length === 0;
    let changed = !previews.some((p) => p.port === this.current);
    if (changed) this.current = previews[0]?.port;
    // A NodePort opens before its pods run: show the page again once the service has endpoints.
    const now = previews.find((p) => p.port === this.current);
    if (before?.ready === false && now?.ready !== false) changed = true;
    this.tabs.replaceChildren(
      ...previews.map((p) => {
        const tab = document.createElement('button');
        tab.type = 'button';
        tab.className = 'kl-button';
        tab.setAttribute('role', 'tab');
        tab.setAttribute('aria-selected', String(p.port === this.current));
        tab.textContent = p.label ? `${p.label} :${p.port}` : `:${p.port}`;
        tab.addEventListener('click', () => {
          if (this.current === p.port) return;
          this.current = p.port;
          this.show(previews);
          this.open();
        });
        return tab;
      }),
    );
    if (changed) this.open();
  }

  /**
   * openLink shows a link clicked in the terminal when it leads to one of the lab's servers: a
   * NodePort (on any node's address) or a WebContainer server. It answers false for other links.
   */
  openLink(url: string): boolean {
    const p = previewFor(url, this.previews);
    if (!p) return false;
    this.current = p.port;
    this.show(this.previews);
    this.bar.hidden = !p.dataplane;
    if (p.dataplane) void this.load({ method: 'GET', url, headers: [] });
    else {
      this.useFrame(false);
      this.frame.src = url;
    }
    this.host.scrollIntoView({ block: 'nearest' });
    return true;
  }

  /** open shows the current preview from its start page. */
  private open(): void {
    const p = this.previews.find((x) => x.port === this.current);
    this.bar.hidden = !p?.dataplane;
    if (!p) return void this.frame.removeAttribute('src');
    if (p.dataplane) return void this.load({ method: 'GET', url: p.url, headers: [] });
    this.useFrame(false);
    if (this.frame.src !== p.url) this.frame.src = p.url;
  }

  /** load fetches a page through the lab's network and shows it. */
  async load(request: PreviewRequest): Promise<void> {
    if (!this.fetcher) return;
    const n = ++this.loading;
    this.address.value = request.url;
    this.host.setAttribute('aria-busy', 'true');
    try {
      const fetch = this.fetcher;
      const doc = await previewDocument(request, await fetch(request), fetch);
      if (n !== this.loading) return;
      this.useFrame(true);
      this.frame.srcdoc = doc;
    } catch (err) {
      if (n === this.loading) this.frame.srcdoc = `<p>${String((err as Error).message ?? err).replace(/</g, '&lt;')}</p>`;
    } finally {
      if (n === this.loading) this.host.removeAttribute('aria-busy');
    }
  }

  private receive(e: MessageEvent): void {
    const m = e.data as BridgeMessage | undefined;
    if (e.source !== this.frame.contentWindow || m?.tag !== BRIDGE_TAG || !this.fetcher) return;
    if (m.type === 'navigate') return void this.load(m.request);
    const source = e.source as Window;
    void this.fetcher(m.request)
      .catch((err: unknown): PreviewResponse => ({ url: m.request.url, error: String((err as Error).message ?? err) }))
      // The sandboxed frame's origin is opaque: '*' is the only target it matches.
      .then((response) => source.postMessage({ tag: BRIDGE_TAG, type: 'response', id: m.id, response }, '*'));
  }

  /** useFrame swaps in a frame of the right kind: sandboxed for dataplane documents. */
  private useFrame(sandboxed: boolean): void {
    if (this.frame.hasAttribute('sandbox') === sandboxed) return;
    const frame = this.newFrame(sandboxed);
    this.frame.replaceWith(frame);
    this.frame = frame;
  }

  private newFrame(sandboxed: boolean): HTMLIFrameElement {
    const frame = document.createElement('iframe');
    frame.className = 'kl-preview-frame';
    frame.title = this.label;
    // No allow-same-origin: the app's scripts cannot reach the page, its storage or the worker.
    if (sandboxed) frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-modals');
    else frame.setAttribute('allow', 'cross-origin-isolated');
    return frame;
  }
}
