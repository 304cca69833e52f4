// The lab terminal on the page: xterm.js with fit-to-container, clickable links, copy/paste
// shortcuts, a screen-reader mode, and theme colours that follow the site's light/dark switch.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import type { TerminalOutput, TerminalSession } from '../runtime/types.js';

const dark = { background: '#17181c', foreground: '#e6e6e6', cursor: '#e6e6e6', selectionBackground: '#3b5a8a' };
const light = { background: '#fafafa', foreground: '#1f2328', cursor: '#1f2328', selectionBackground: '#b6d3ff' };

function theme() {
  return document.documentElement.dataset.theme === 'light' ? light : dark;
}

export class LabTerminal implements TerminalOutput {
  readonly term: Terminal;
  private readonly fit = new FitAddon();
  private session?: TerminalSession;
  private readonly observers: { disconnect(): void }[] = [];
  /** onLink may take a clicked link (a preview of the lab's own servers); others open in a new tab. */
  onLink?: (url: string) => boolean;

  constructor(host: HTMLElement, label: string) {
    this.term = new Terminal({
      convertEol: true,
      cursorBlink: true,
      fontSize: 14,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      scrollback: 5000,
      theme: theme(),
    });
    this.term.loadAddon(this.fit);
    this.term.loadAddon(new WebLinksAddon((event, url) => this.openLink(event, url)));
    this.term.open(host);
    this.term.textarea?.setAttribute('aria-label', label);
    this.term.attachCustomKeyEventHandler((e) => this.shortcut(e));
    this.term.onData((d) => this.session?.input(d));
    this.term.onResize(({ cols, rows }) => this.session?.resize(cols, rows));
    const resize = new ResizeObserver(() => this.fitNow());
    resize.observe(host);
    const themeWatch = new MutationObserver(() => (this.term.options.theme = theme()));
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    this.observers.push(resize, themeWatch);
    this.fitNow();
  }

  attach(session: TerminalSession): void {
    this.session = session;
    session.resize(this.term.cols, this.term.rows);
    this.term.focus();
  }

  write(data: string): void {
    this.term.write(data);
  }

  /** type sends keystrokes to the session as if the learner typed them (Apply to lab). */
  type(data: string): void {
    this.term.focus();
    this.session?.input(data);
  }

  clear(): void {
    this.term.clear();
  }

  setScreenReaderMode(on: boolean): void {
    this.term.options.screenReaderMode = on;
  }

  reset(): void {
    this.session?.close();
    this.session = undefined;
    this.term.reset();
  }

  dispose(): void {
    this.session?.close();
    for (const o of this.observers) o.disconnect();
    this.term.dispose();
  }

  private openLink(event: MouseEvent, url: string): void {
    event.preventDefault();
    if (this.onLink?.(url)) return;
    // noopener: the page the learner opens gets no handle on the lab's page.
    window.open(url, '_blank', 'noopener,noreferrer');
  }

  private fitNow(): void {
    try {
      this.fit.fit();
    } catch {
      // The terminal is hidden (zero size); it fits again when it shows.
    }
  }

  /** shortcut copies with Ctrl+Shift+C (or Ctrl+C over a selection) and pastes with Ctrl+Shift+V. */
  private shortcut(e: KeyboardEvent): boolean {
    if (e.type !== 'keydown') return true;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'c' && (e.shiftKey || this.term.hasSelection())) {
      if (!this.term.hasSelection()) return false;
      void navigator.clipboard?.writeText(this.term.getSelection());
      this.term.clearSelection();
      return false;
    }
    if (mod && e.shiftKey && e.key.toLowerCase() === 'v') {
      void navigator.clipboard?.readText().then((t) => this.term.paste(t));
      return false;
    }
    return true;
  }
}
