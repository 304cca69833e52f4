// Mirrors Node's events.EventEmitter in a few lines: sockets and servers expose on/off/once
// without depending on node:events (the engine runs in browsers too).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

export class Emitter {
  private listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.off(event, wrapped);
      listener(...args);
    };
    return this.on(event, wrapped);
  }

  off(event: string, listener: (...args: never[]) => void): this {
    const list = this.listeners.get(event);
    if (list) this.listeners.set(event, list.filter((l) => l !== (listener as unknown)));
    return this;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /** emit calls listeners in order; a throwing listener does not stop the dataplane. */
  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event);
    if (!list || list.length === 0) return false;
    for (const l of [...list]) {
      try {
        l(...args);
      } catch (err) {
        reportListenerError(err);
      }
    }
    return true;
  }
}

/** reportListenerError surfaces an exception thrown by user code without unwinding the packet path. */
export function reportListenerError(err: unknown): void {
  queueMicrotask(() => {
    throw err;
  });
}
