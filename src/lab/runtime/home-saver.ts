// Keeps a lab's home folder saved: after each command and file write (flush), and every few seconds
// for what a long-running command writes, it reads the folder and saves it when it differs from the
// last saved one. What the folder held at start is the baseline, so an untouched lab saves nothing
// and keeps following the site's starter files. Saves never overlap; a flush asked for before stop
// still runs (stop waits for it), none after.
import type { Clock, Timer } from '../../../engine/util/clock.js';
import type { HomeFiles, LabFileStore } from './indexeddb-file-storage.js';

/** MAX_FILE_BYTES bounds one saved file: a lab's files are manifests, not downloads. */
export const MAX_FILE_BYTES = 1 << 20;
export const SAVE_INTERVAL_MS = 2_000;

export interface HomeSaverOptions {
  store: LabFileStore;
  /** read answers the home folder as it is now. */
  read: () => HomeFiles | Promise<HomeFiles>;
  clock: Clock;
  intervalMs?: number;
  /** onChange hears that the folder differs from the last saved one (it is being saved). */
  onChange?: () => void;
  onError?: (err: unknown) => void;
}

/** canonical is a folder's text with its paths in order, to compare two readings. */
function canonical(files: HomeFiles): string {
  return JSON.stringify(Object.keys(files).sort().map((k) => [k, files[k]]));
}

/** savable drops the files too big to keep. */
export function savable(files: HomeFiles): HomeFiles {
  return Object.fromEntries(Object.entries(files).filter(([, text]) => text.length <= MAX_FILE_BYTES));
}

export class HomeSaver {
  private last?: string;
  private timer?: Timer;
  private flushing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly o: HomeSaverOptions) {}

  /** start takes the folder as it is as the baseline and begins the periodic saves. */
  async start(): Promise<void> {
    this.last = canonical(savable(await this.o.read()));
    this.arm();
  }

  private arm(): void {
    if (this.stopped) return;
    this.timer = this.o.clock.setTimer(this.o.intervalMs ?? SAVE_INTERVAL_MS, () => void this.flush().then(() => this.arm()));
  }

  /** flush saves the folder if it changed since the last save; it never rejects. */
  flush(): Promise<void> {
    if (this.stopped) return this.flushing;
    this.flushing = this.flushing.then(async () => {
      try {
        const files = savable(await this.o.read());
        const text = canonical(files);
        if (text === this.last) return;
        this.o.onChange?.();
        await this.o.store.save(files);
        this.last = text;
      } catch (err) {
        this.o.onError?.(err);
      }
    });
    return this.flushing;
  }

  /** stop ends the periodic saves, waits for a save under way and closes the store. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.stop();
    await this.flushing;
    await this.o.store.close();
  }
}
