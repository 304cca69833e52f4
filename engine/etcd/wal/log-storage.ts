// Mirrors the storage side of etcd server/storage/wal/wal.go and api/snap/snapshotter.go as one
// small interface: where the write-ahead log and the latest snapshot live (memory, files, IndexedDB).

export interface LoadedLog {
  /** snapshot is the newest snapshot's bytes, if any. */
  snapshot?: Uint8Array;
  /** log is the current log segment's bytes (records written after that snapshot, maybe a few before). */
  log: Uint8Array;
}

/**
 * LogStorage persists framed log records and snapshots. Every promise resolves only when the data
 * is durable (fsync'd for files); calls are never concurrent — the server serializes them.
 */
export interface LogStorage {
  load(): Promise<LoadedLog>;
  /** append adds bytes to the end of the current log segment. */
  append(bytes: Uint8Array): Promise<void>;
  /** truncate cuts the current segment to length bytes (dropping a torn or corrupt tail). */
  truncate(length: number): Promise<void>;
  /** writeSnapshot installs a snapshot taken at log index `index` and starts an empty segment. */
  writeSnapshot(bytes: Uint8Array, index: number): Promise<void>;
  close(): Promise<void>;
}
