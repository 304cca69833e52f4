// Mirrors the kernel's TRACE target / `nft monitor trace` in spirit: a packet may carry a recorder
// and every layer it crosses appends what it did. A probe packet (kubelab trace) is dry: it moves
// no counters, leaves no conntrack entries and wakes no sockets.

export type TraceEvent =
  | { kind: 'output'; ns: string; packet: string }
  | { kind: 'receive'; ns: string; dev: string; packet: string }
  | { kind: 'route'; ns: string; decision: 'local' | 'forward' | 'unreachable' | 'bridge'; route?: string; dev?: string; nextHop?: string }
  | { kind: 'rule'; ns: string; table: string; chain: string; index: number; rule: string }
  | { kind: 'policy'; ns: string; table: string; chain: string; policy: string }
  | { kind: 'conntrack'; ns: string; state: string; entry?: string }
  | { kind: 'nat'; ns: string; type: string; from: string; to: string }
  | { kind: 'transmit'; ns: string; dev: string; nextHop: string; packet: string }
  | { kind: 'encap'; ns: string; dev: string; outer: string }
  | { kind: 'decap'; ns: string; dev: string; inner: string }
  | { kind: 'drop'; ns: string; reason: string }
  | { kind: 'reject'; ns: string; with: string }
  | { kind: 'deliver'; ns: string; socket: string; listening: boolean };

export interface TraceRecorder {
  /** probe: the packet is a dry run. */
  probe: boolean;
  events: TraceEvent[];
}

export function newRecorder(probe = true): TraceRecorder {
  return { probe, events: [] };
}
