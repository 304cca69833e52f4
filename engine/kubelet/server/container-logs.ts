// Mirrors pkg/kubelet/kuberuntime/logs/logs.go (ReadLogs) as the kubelet server's /containerLogs
// uses it: the log of one container as text, and with follow the lines written afterwards until the
// container stops. Simplified: the log is the runtime's in-memory entries, followed by polling on
// the injected clock instead of watching a file.
import type { Clock } from '../../util/clock.js';
import type { LogEntry } from '../cri/api.js';
import { formatLogs, rfc3339Nano } from '../cri/container-log.js';

/** LogSource is what following a container's log needs from the runtime. */
export interface LogSource {
  readLogs(id: string): LogEntry[];
  /** running reports whether the container still runs (more lines may come). */
  running(id: string): boolean;
}

export interface ContainerLogsOptions {
  follow?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  /** sinceTime in ms since the epoch. */
  sinceTime?: number;
  limitBytes?: number;
}

/** followPollMs is how often a followed log is looked at for new lines. */
export const followPollMs = 250;

const encoder = new TextEncoder();

/** streamContainerLogs returns the container's log; with follow it stays open until the container stops or the reader cancels. */
export function streamContainerLogs(source: LogSource, id: string, clock: Clock, opts: ContainerLogsOptions): ReadableStream<Uint8Array> {
  const initial = source.readLogs(id);
  const text = formatLogs(initial, { timestamps: opts.timestamps, tailLines: opts.tailLines, sinceTime: opts.sinceTime });
  let left = opts.limitBytes ?? Infinity;
  let last = initial[initial.length - 1];
  let timer: { stop(): void } | undefined;
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(ctrl) {
      const push = (s: string): boolean => {
        if (!s || left <= 0) return left > 0;
        let bytes = encoder.encode(s);
        if (bytes.length > left) bytes = bytes.subarray(0, left);
        left -= bytes.length;
        ctrl.enqueue(bytes);
        return left > 0;
      };
      const finish = () => {
        if (closed) return;
        closed = true;
        ctrl.close();
      };
      if (!push(text) || !opts.follow) return finish();
      const poll = () => {
        if (closed) return;
        const entries = source.readLogs(id);
        // Entries are appended (and the oldest dropped when the log rotates): resume after the last one sent.
        const from = last ? entries.lastIndexOf(last) + 1 : 0;
        const fresh = entries.slice(from).filter((e) => opts.sinceTime === undefined || e.time >= opts.sinceTime);
        if (fresh.length) last = fresh[fresh.length - 1];
        const more = push(fresh.map((e) => (opts.timestamps ? `${rfc3339Nano(e.time)} ${e.line}\n` : `${e.line}\n`)).join(''));
        if (!more || !source.running(id)) return finish();
        timer = clock.setTimer(followPollMs, poll);
      };
      poll();
    },
    cancel() {
      closed = true;
      timer?.stop();
    },
  });
}
