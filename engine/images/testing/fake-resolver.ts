// A test double for a container's resolver (the Resolver of engine/images/types.ts): a fixed table of
// names, tried as given and with the search domains appended, like a resolv.conf with ndots:5.
import type { Resolver } from '../types.js';

export class FakeResolver implements Resolver {
  constructor(
    private readonly table: Record<string, string[]> = {},
    private readonly search: string[] = ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
  ) {}

  set(name: string, addresses: string[]): void {
    this.table[name] = addresses;
  }

  async lookup(name: string): Promise<string[]> {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return [name];
    if (name === 'localhost') return ['127.0.0.1'];
    const bare = name.replace(/\.$/, '');
    const candidates = name.endsWith('.') ? [bare] : [...this.search.map((d) => `${bare}.${d}`), bare];
    for (const c of candidates) {
      const hit = this.table[c];
      if (hit && hit.length > 0) return [...hit];
    }
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  }
}
