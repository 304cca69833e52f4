// Mirrors etcd etcdctl/ctlv3/command/global.go and pkg/cobrautl/error.go: what every subcommand
// gets (client, output format, I/O) and the exit codes etcdctl uses.
import type { Transport } from '../../client/transport.js';
import type { GatewayClient } from './client.js';

export const ExitSuccess = 0;
export const ExitError = 1;
export const ExitBadConnection = 2;
export const ExitInvalidInput = 3;
export const ExitBadFeature = 4;
export const ExitInterrupted = 5;
export const ExitIO = 6;
export const ExitBadArgs = 128;

/** EtcdctlFiles is the file access `snapshot save|status` needs, injected so the core stays web-standard. */
export interface EtcdctlFiles {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
}

export interface EtcdctlIO {
  transport: Transport;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** endpoint is the default endpoint when --endpoints is not given (ETCDCTL_ENDPOINTS). */
  endpoint?: string;
  /** signal ends long-running commands such as watch (Ctrl-C). */
  signal?: AbortSignal;
  files?: EtcdctlFiles;
}

export type OutputFormat = 'simple' | 'json' | 'table';

export interface CommandContext {
  client: GatewayClient;
  endpoints: string[];
  writeOut: OutputFormat;
  /** writeOutSet tells whether -w was given (some commands default to another format). */
  writeOutSet: boolean;
  io: EtcdctlIO;
  newClient(endpoint: string): GatewayClient;
}

/** ExitWithError ends a command with etcdctl's "Error: …" line and an exit code. */
export class ExitWithError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export type Command = (ctx: CommandContext, argv: string[]) => Promise<number>;
