// Mirrors net/ipv4/fib_trie.c + fib_semantics.c: the main routing table, looked up by longest
// prefix match (then lowest metric). The local table is implied by the namespace's addresses.
import { formatCIDR, mustParseIP, parseCIDR, prefixContains, type Prefix } from '../ip/addr.js';

export interface Route {
  dst: Prefix;
  /** via is the gateway; without it the destination is on the link (scope link). */
  via?: string;
  dev: string;
  src?: string;
  proto: 'kernel' | 'boot' | 'static';
  scope: 'global' | 'link' | 'host';
  metric: number;
  onlink?: boolean;
}

export interface RouteSpec {
  dst: string;
  via?: string;
  dev: string;
  src?: string;
  proto?: Route['proto'];
  scope?: Route['scope'];
  metric?: number;
  onlink?: boolean;
}

export class Fib {
  private routes: Route[] = [];
  /** keys holds prefix/length/metric of every route, so add's duplicate check is not a scan. */
  private keys = new Set<string>();

  /** add inserts a route; a route with the same prefix and metric already present fails (RTNETLINK EEXIST). */
  add(spec: RouteSpec): Route {
    const dst = parseCIDR(spec.dst);
    if (!dst) throw new Error(`Error: any valid prefix is expected rather than "${spec.dst}".`);
    const route: Route = {
      dst,
      via: spec.via,
      dev: spec.dev,
      src: spec.src,
      proto: spec.proto ?? 'boot',
      scope: spec.scope ?? (spec.via ? 'global' : 'link'),
      metric: spec.metric ?? 0,
      onlink: spec.onlink,
    };
    if (this.keys.has(routeKey(route))) throw new Error('RTNETLINK answers: File exists');
    this.routes.push(route);
    this.keys.add(routeKey(route));
    return route;
  }

  /** delete removes the route for a prefix (and device, when given); false if there is none. */
  delete(dst: string, dev?: string): boolean {
    const p = parseCIDR(dst);
    if (!p) return false;
    const i = this.routes.findIndex((r) => r.dst.addr === p.addr && r.dst.bits === p.bits && (!dev || r.dev === dev));
    if (i < 0) return false;
    this.keys.delete(routeKey(this.routes[i]!));
    this.routes.splice(i, 1);
    return true;
  }

  /** deleteDev removes every route through a device (the device went away). */
  deleteDev(dev: string): void {
    this.routes = this.routes.filter((r) => r.dev !== dev);
    this.keys = new Set(this.routes.map(routeKey));
  }

  /** lookup returns the best route to ip: the longest prefix, then the lowest metric. */
  lookup(ip: string): Route | undefined {
    const n = mustParseIP(ip);
    let best: Route | undefined;
    for (const r of this.routes) {
      if (!prefixContains(r.dst, n)) continue;
      if (!best || r.dst.bits > best.dst.bits || (r.dst.bits === best.dst.bits && r.metric < best.metric)) best = r;
    }
    return best;
  }

  /** list returns routes in the kernel's dump order: by prefix address, then prefix length. */
  list(): Route[] {
    return [...this.routes].sort((a, b) => a.dst.addr - b.dst.addr || a.dst.bits - b.dst.bits || a.metric - b.metric);
  }
}

const routeKey = (r: Route) => `${r.dst.addr}/${r.dst.bits}/${r.metric}`;

/** formatRoute prints a route as `ip route` does. */
export function formatRoute(r: Route): string {
  const dst = r.dst.bits === 0 ? 'default' : r.dst.bits === 32 ? formatCIDR(r.dst).replace(/\/32$/, '') : formatCIDR(r.dst);
  let s = dst;
  if (r.via) s += ` via ${r.via}`;
  s += ` dev ${r.dev}`;
  if (r.proto !== 'boot') s += ` proto ${r.proto}`;
  if (r.scope !== 'global') s += ` scope ${r.scope}`;
  if (r.src) s += ` src ${r.src}`;
  if (r.metric) s += ` metric ${r.metric}`;
  if (r.onlink) s += ' onlink';
  return s;
}
