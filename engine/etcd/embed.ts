// Mirrors etcd server/embed/etcd.go (StartEtcd): one call that opens a store member from its
// storage and reports what recovery found.
import type { Clock } from '../util/clock.js';
import { EtcdServer } from './server/etcd-server.js';
import type { RecoveryReport } from './server/etcd-server.js';
import type { LogStorage } from './wal/log-storage.js';

export type { RecoveryReport } from './server/etcd-server.js';
export { EtcdServer } from './server/etcd-server.js';

export interface OpenStoreOptions {
  clock: Clock;
  /** persistence holds the write-ahead log and snapshots; omit for a memory-only store. */
  persistence?: LogStorage;
  snapshotCount?: number;
  progressInterval?: number;
}

/** openStore opens the store, replaying its snapshot and log; writes resolve once logged. */
export async function openStore(options: OpenStoreOptions): Promise<{ store: EtcdServer; recovery: RecoveryReport }> {
  const { server, recovery } = await EtcdServer.open({
    clock: options.clock,
    storage: options.persistence,
    snapshotCount: options.snapshotCount,
    progressInterval: options.progressInterval,
  });
  return { store: server, recovery };
}
