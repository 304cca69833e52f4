// Mirrors k8s.io/apimachinery/pkg/watch/streamwatcher.go (and watch.Interface): a watch over a
// streaming response body. Instead of ResultChan it is an async iterable; Stop() becomes stop(),
// which aborts the request so the server side ends as well.
import type { KubeObject, WatchEvent } from '../../../apimachinery/apis/meta/v1/types.js';
import { newInternalError } from '../../../apimachinery/api/errors/errors.js';
import { decodeEvent, frameLines } from './decoder.js';

/** Interface is watch.Interface: iterate the events; stop ends the iteration and the request. */
export interface Interface<T = KubeObject> extends AsyncIterable<WatchEvent<T>> {
  stop(): void;
}

export class StreamWatcher<T = KubeObject> implements Interface<T> {
  private stopped = false;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array> | undefined;

  /** abort is called by stop() to cancel the underlying request. */
  constructor(body: ReadableStream<Uint8Array> | null, private readonly abort: () => void) {
    this.reader = body?.getReader();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.abort();
    this.reader?.cancel().catch(() => undefined);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WatchEvent<T>> {
    if (!this.reader) return;
    try {
      for await (const line of frameLines(this.reader)) {
        if (this.stopped) return;
        let event: WatchEvent<T>;
        try {
          event = decodeEvent<T>(line);
        } catch (err) {
          // A corrupt frame ends the watch with an ERROR event, as the stream watcher reports
          // decoder errors (other than EOF) upstream.
          yield { type: 'ERROR', object: newInternalError(err).status };
          return;
        }
        yield event;
      }
    } catch {
      // A read failing because we stopped (or the connection went away) just ends the watch;
      // the reflector notices the end and watches again.
    } finally {
      // Leaving the loop early (break, return) must still end the request.
      this.stop();
    }
  }
}
