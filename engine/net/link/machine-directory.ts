// Mirrors a switch's forwarding database (net/bridge/br_fdb.c) learned by announcement rather than
// by flooding: which node IP and MAC live on this process (local) or behind which peer connection.
// Entries stay while a connection is only reconnecting, like a learned FDB entry until ageing.

/** DirectoryEntry is one machine interface: address, MAC and where it lives. */
export interface DirectoryEntry {
  ip: string;
  mac: string;
  machine: string;
  /** podCidr is the machine's pod subnet, once it has one (host-gw needs it). */
  podCidr?: string;
  /** via is the peer link the machine is behind; undefined for a machine of this process. */
  via?: string;
}

export type DirectoryChange = { op: 'set'; entry: DirectoryEntry } | { op: 'delete'; entry: DirectoryEntry };

export class MachineDirectory {
  private readonly byIp = new Map<string, DirectoryEntry>();
  private readonly listeners = new Set<(c: DirectoryChange) => void>();

  lookup(ip: string): DirectoryEntry | undefined {
    return this.byIp.get(ip);
  }

  list(): DirectoryEntry[] {
    return [...this.byIp.values()];
  }

  /** set records an entry; returns false (and keeps the old one) when a local IP would be shadowed. */
  set(entry: DirectoryEntry): boolean {
    const old = this.byIp.get(entry.ip);
    if (old && old.via === undefined && entry.via !== undefined) return false;
    if (old && sameEntry(old, entry)) return true;
    this.byIp.set(entry.ip, { ...entry });
    this.notify({ op: 'set', entry });
    return true;
  }

  delete(ip: string, via?: string): DirectoryEntry | undefined {
    const old = this.byIp.get(ip);
    if (!old || old.via !== via) return undefined;
    this.byIp.delete(ip);
    this.notify({ op: 'delete', entry: old });
    return old;
  }

  /** deleteVia forgets every machine behind a link (its peer restarted or died). */
  deleteVia(via: string): DirectoryEntry[] {
    const gone = this.list().filter((e) => e.via === via);
    for (const e of gone) this.delete(e.ip, via);
    return gone;
  }

  onChange(fn: (c: DirectoryChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private notify(c: DirectoryChange): void {
    for (const fn of [...this.listeners]) fn(c);
  }
}

function sameEntry(a: DirectoryEntry, b: DirectoryEntry): boolean {
  return a.mac === b.mac && a.machine === b.machine && a.podCidr === b.podCidr && a.via === b.via;
}
