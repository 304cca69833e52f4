// The preview pane of a lab: one tab per server the lab opened (a NodePort, `kubectl proxy`, an app
// run in the container) and an iframe showing the chosen one. WebContainer previews need
// allow="cross-origin-isolated" on the frame.
import type { PreviewPort } from '../runtime/types.js';

export class PreviewPane {
  private current?: number;
  private readonly tabs: HTMLElement;
  private readonly frame: HTMLIFrameElement;

  constructor(private readonly host: HTMLElement, label: string) {
    this.tabs = document.createElement('div');
    this.tabs.className = 'kl-preview-tabs';
    this.tabs.setAttribute('role', 'tablist');
    this.tabs.setAttribute('aria-label', label);
    this.frame = document.createElement('iframe');
    this.frame.className = 'kl-preview-frame';
    this.frame.title = label;
    this.frame.setAttribute('allow', 'cross-origin-isolated');
    host.replaceChildren(this.tabs, this.frame);
    host.hidden = true;
  }

  /** show lists the servers; the pane hides when there are none. */
  show(previews: PreviewPort[]): void {
    this.host.hidden = previews.length === 0;
    if (!previews.some((p) => p.port === this.current)) this.current = previews[0]?.port;
    this.tabs.replaceChildren(
      ...previews.map((p) => {
        const tab = document.createElement('button');
        tab.type = 'button';
        tab.className = 'kl-button';
        tab.setAttribute('role', 'tab');
        tab.setAttribute('aria-selected', String(p.port === this.current));
        tab.textContent = `:${p.port}`;
        tab.addEventListener('click', () => {
          this.current = p.port;
          this.show(previews);
        });
        return tab;
      }),
    );
    const url = previews.find((p) => p.port === this.current)?.url;
    if (url && this.frame.src !== url) this.frame.src = url;
    if (!url) this.frame.removeAttribute('src');
  }
}
