// Mirrors etcd api/v3rpc/rpctypes/error.go: the server's errors with their gRPC codes and the
// messages clients print ("etcdserver: …").
import { CompactedError, FutureRevisionError } from '../types.js';

/** GrpcCode holds the gRPC status codes the etcd API uses. */
export const GrpcCode = {
  InvalidArgument: 3,
  NotFound: 5,
  FailedPrecondition: 9,
  OutOfRange: 11,
  Internal: 13,
  Unavailable: 14,
} as const;

export class EtcdError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'EtcdError';
  }

  static emptyKey = () => new EtcdError(GrpcCode.InvalidArgument, 'etcdserver: key is not provided');
  static duplicateKey = () => new EtcdError(GrpcCode.InvalidArgument, 'etcdserver: duplicate key given in txn request');
  static leaseNotFound = () => new EtcdError(GrpcCode.NotFound, 'etcdserver: requested lease not found');
  static leaseExist = () => new EtcdError(GrpcCode.FailedPrecondition, 'etcdserver: lease already exists');
  static leaseTTLTooLarge = () => new EtcdError(GrpcCode.OutOfRange, 'etcdserver: too large lease TTL');
  static stopped = () => new EtcdError(GrpcCode.Unavailable, 'etcdserver: server stopped');

  /** from converts any store error into the gRPC shape the gateway and etcdctl report. */
  static from(err: unknown): EtcdError {
    if (err instanceof EtcdError) return err;
    if (err instanceof CompactedError) return new EtcdError(GrpcCode.OutOfRange, `etcdserver: ${err.message}`);
    if (err instanceof FutureRevisionError) return new EtcdError(GrpcCode.OutOfRange, `etcdserver: ${err.message}`);
    return new EtcdError(GrpcCode.Internal, err instanceof Error ? err.message : String(err));
  }
}
