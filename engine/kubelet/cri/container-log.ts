// Mirrors the CRI container log format (pkg/kubelet/kuberuntime/logs/logs.go): every line a
// container writes is kept with its time and stream, as "<RFC3339Nano> <stream> <P|F> <line>" in
// the log file upstream. Partial lines stay buffered until the newline or the container's end.
import type { Clock } from '../../util/clock.js';
import type { LogEntry } from './api.js';

const decoder = new TextDecoder();

/** maxLogEntries bounds one container's log (the kubelet rotates at --container-log-max-size). */
const maxLogEntries = 10_000;

export class ContainerLog {
  readonly entries: LogEntry[] = [];
  private readonly partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };

  constructor(private readonly clock: Clock) {}

  /** writer returns the output function a process writes one stream to. */
  writer(stream: 'stdout' | 'stderr'): (chunk: Uint8Array | string) => void {
    return (chunk) => {
      const text = this.partial[stream] + (typeof chunk === 'string' ? chunk : decoder.decode(chunk));
      const lines = text.split('\n');
      this.partial[stream] = lines.pop() ?? '';
      for (const line of lines) this.push(stream, line);
    };
  }

  /** close flushes unterminated lines when the container exits. */
  close(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream]) this.push(stream, this.partial[stream]);
      this.partial[stream] = '';
    }
  }

  private push(stream: 'stdout' | 'stderr', line: string): void {
    this.entries.push({ time: this.clock.now(), stream, line });
    if (this.entries.length > maxLogEntries) this.entries.splice(0, this.entries.length - maxLogEntries);
  }
}

export interface LogOptions {
  timestamps?: boolean;
  tailLines?: number;
  /** sinceTime in ms; entries older are skipped. */
  sinceTime?: number;
  limitBytes?: number;
}

/** formatLogs renders entries as `kubectl logs` prints them (timestamps in RFC3339Nano). */
export function formatLogs(entries: LogEntry[], opts: LogOptions = {}): string {
  let list = opts.sinceTime !== undefined ? entries.filter((e) => e.time >= opts.sinceTime!) : entries;
  if (opts.tailLines !== undefined && opts.tailLines >= 0) list = list.slice(Math.max(0, list.length - opts.tailLines));
  let out = list.map((e) => (opts.timestamps ? `${rfc3339Nano(e.time)} ${e.line}\n` : `${e.line}\n`)).join('');
  if (opts.limitBytes !== undefined) out = out.slice(0, opts.limitBytes);
  return out;
}

/** criLogLine is the on-disk CRI form of one entry. */
export function criLogLine(e: LogEntry): string {
  return `${rfc3339Nano(e.time)} ${e.stream} F ${e.line}`;
}

export function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}
