// A minimal stand-in for node:events' EventEmitter (on/off/once/emit), so sockets and servers in
// images stay web-standard. Listeners run synchronously in registration order, as in Node.

type Listener = (...args: never[]) => void;

export class Emitter {
  private listeners = new Map<string, Listener[]>();

  on(event: string, listener: (...args: never[]) => void): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
    this.onListenerAdded(event);
    return this;
  }

  once(event: string, listener: (...args: never[]) => void): this {
    const wrapper = (...args: never[]): void => {
      this.off(event, wrapper);
      listener(...args);
    };
    return this.on(event, wrapper);
  }

  off(event: string, listener: (...args: never[]) => void): this {
    const list = this.listeners.get(event);
    if (!list) return this;
    const i = list.indexOf(listener);
    if (i >= 0) list.splice(i, 1);
    return this;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /** emit calls every listener of event; it returns whether there was one. */
  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event);
    if (!list || list.length === 0) return false;
    for (const l of [...list]) (l as (...a: unknown[]) => void)(...args);
    return true;
  }

  /** onListenerAdded lets subclasses start flowing (like a Node stream entering flowing mode). */
  protected onListenerAdded(_event: string): void {}
}
