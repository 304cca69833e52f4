// A Redis server (redis/src/server.c, networking.c, replication.c): RESP over the pod's sockets,
// one keyspace, and master/replica replication — PSYNC full resync with a snapshot, then the
// master's write stream; replicas refuse client writes. Simplified: no partial resync, no backlog
// reuse, the snapshot is JSON rather than RDB, and the replica link is retried every second.
import type { StreamSocket } from '../../net/types.js';
import type { ProcessContext } from '../types.js';
import type { Clock } from '../../util/clock.js';
import { commands } from './commands.js';
import { Keyspace } from './keyspace.js';
import { arr, bulk, encodeCommand, encodeReply, err, int, RespReader, type Reply } from './resp.js';
import { connect, resolveHost, sleep } from '../lib/process-util.js';
import { sha256Hex } from '../lib/sha256.js';
import { formatDate } from '../busybox/applets/system.js';

export const REDIS_VERSION = '7.2.4';

interface ReplicaLink {
  socket: StreamSocket;
  ip: string;
  port: number;
  offset: number;
  lastAck: number;
}

interface MasterLink {
  host: string;
  port: number;
  status: 'connect' | 'connecting' | 'sync' | 'connected';
  lastIo: number;
  socket?: StreamSocket;
}

export class RedisServer {
  readonly db: Keyspace;
  readonly clock: Clock;
  readonly replid: string;
  offset = 0;
  readonly replicas = new Set<ReplicaLink>();
  master: MasterLink | undefined;
  private readonly started: number;
  private connectedClients = 0;
  private generation = 0;
  private readonly sockets = new Set<StreamSocket>();

  constructor(private readonly ctx: ProcessContext, readonly port: number) {
    this.clock = ctx.clock;
    this.db = new Keyspace(ctx.clock, ctx.memory);
    this.started = ctx.clock.now();
    this.replid = sha256Hex(`${ctx.hostname}:${this.started}:${port}`).slice(0, 40);
  }

  /** log writes a line in Redis' log format ("1:M 01 Jan 2026 00:00:00.000 * message"). */
  log(level: '*' | '#' | '-', message: string): void {
    const role = this.master ? 'S' : 'M';
    const ms = String(this.clock.now() % 1000).padStart(3, '0');
    this.ctx.stdout(`1:${role} ${formatDate(this.clock.now(), '%d %b %Y %T')}.${ms} ${level} ${message}\n`);
  }

  async listen(): Promise<void> {
    const server = this.ctx.net.createServer((socket) => this.accept(socket));
    await server.listen(this.port, '0.0.0.0');
    // A dead process's sockets are closed by the kernel; here the server closes them itself.
    this.ctx.aborted.addEventListener('abort', () => {
      server.close();
      for (const socket of this.sockets) socket.destroy();
      this.master?.socket?.destroy();
    }, { once: true });
    this.log('*', 'Ready to accept connections tcp');
  }

  private accept(socket: StreamSocket): void {
    const reader = new RespReader();
    let replica: ReplicaLink | undefined;
    this.connectedClients++;
    this.sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => {
      this.connectedClients--;
      this.sockets.delete(socket);
      if (replica) {
        this.replicas.delete(replica);
        this.log('*', `Connection with replica ${replica.ip}:${replica.port} lost.`);
      }
    });
    socket.on('data', (chunk) => {
      reader.push(chunk);
      for (let args = reader.readCommand(); args; args = reader.readCommand()) {
        const name = args[0]!.toLowerCase();
        if (name === 'psync' || name === 'sync') {
          replica = this.fullResync(socket, replica);
          continue;
        }
        if (name === 'replconf') {
          const sub = (args[1] ?? '').toLowerCase();
          if (sub === 'ack' && replica) {
            replica.offset = Number(args[2] ?? 0);
            replica.lastAck = this.clock.now();
            continue;
          }
          if (sub === 'listening-port') replica = { socket, ip: socket.remoteAddress, port: Number(args[2]), offset: 0, lastAck: this.clock.now() };
        }
        if (name === 'quit') {
          socket.end(encodeReply({ type: 'simple', value: 'OK' }));
          return;
        }
        socket.write(encodeReply(this.execute(args, false)));
      }
    });
  }

  private fullResync(socket: StreamSocket, link: ReplicaLink | undefined): ReplicaLink {
    const replica = link ?? { socket, ip: socket.remoteAddress, port: 6379, offset: 0, lastAck: this.clock.now() };
    this.log('*', `Replica ${replica.ip}:${replica.port} asks for synchronization`);
    this.log('*', `Full resync requested by replica ${replica.ip}:${replica.port}`);
    const payload = JSON.stringify(this.db.snapshot());
    socket.write(`+FULLRESYNC ${this.replid} ${this.offset}\r\n`);
    socket.write(`$${new TextEncoder().encode(payload).length}\r\n${payload}`);
    replica.offset = this.offset;
    this.replicas.add(replica);
    this.log('*', `Synchronization with replica ${replica.ip}:${replica.port} succeeded`);
    return replica;
  }

  /** execute runs one command; fromMaster marks the replication stream, which may write. */
  execute(args: string[], fromMaster: boolean): Reply {
    const name = args[0]!.toLowerCase();
    const spec = commands[name];
    if (!spec) {
      const rest = args.slice(1).map((a) => `'${a}' `).join('');
      return err(`ERR unknown command '${args[0]}', with args beginning with: ${rest}`);
    }
    if ((spec.arity > 0 && args.length !== spec.arity) || (spec.arity < 0 && args.length < -spec.arity)) {
      return err(`ERR wrong number of arguments for '${name}' command`);
    }
    if (spec.write && this.master && !fromMaster) return err("READONLY You can't write against a read only replica.");
    const reply = spec.run(this, args);
    if (spec.write && !this.master && reply.type !== 'error') this.propagate(args);
    return reply;
  }

  private propagate(args: string[]): void {
    const data = encodeCommand(args);
    this.offset += new TextEncoder().encode(data).length;
    for (const r of this.replicas) r.socket.write(data);
  }

  // #region replica
  /** replicate makes this server a replica of host:port (REPLICAOF / --replicaof). */
  replicate(host: string, port: number): void {
    this.master?.socket?.destroy();
    const gen = ++this.generation;
    this.master = { host, port, status: 'connect', lastIo: this.clock.now() };
    this.log('*', `Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.`);
    void this.replicationLoop(gen);
  }

  promote(): void {
    if (!this.master) return;
    this.generation++;
    this.master.socket?.destroy();
    this.master = undefined;
    this.log('*', 'MASTER MODE enabled (user request from \'id=3 addr=127.0.0.1\')');
  }

  private async replicationLoop(gen: number): Promise<void> {
    while (gen === this.generation && !this.ctx.aborted.aborted) {
      const link = this.master!;
      await this.syncWithMaster(link, gen);
      if (gen !== this.generation) return;
      link.status = 'connect';
      if (!(await sleep(this.ctx, 1000))) return;
    }
  }

  private async syncWithMaster(link: MasterLink, gen: number): Promise<void> {
    link.status = 'connecting';
    this.log('*', `Connecting to MASTER ${link.host}:${link.port}`);
    const address = await resolveHost(this.ctx, link.host);
    if (!address) {
      this.log('#', `Unable to connect to MASTER: Name or service not known`);
      return;
    }
    let socket: StreamSocket;
    try {
      socket = await connect(this.ctx.net, address, link.port, 5000);
    } catch (e) {
      this.log('#', `Error condition on socket for SYNC: ${(e as { code?: string }).code === 'ECONNREFUSED' ? 'Connection refused' : String(e)}`);
      return;
    }
    if (gen !== this.generation) {
      socket.destroy();
      return;
    }
    link.socket = socket;
    this.log('*', 'MASTER <-> REPLICA sync started');
    const reader = new RespReader();
    let stage: 'ping' | 'port' | 'capa' | 'psync' | 'payload' | 'stream' = 'ping';
    let payloadLen = -1;
    const closed = new Promise<void>((resolve) => {
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      this.ctx.aborted.addEventListener('abort', () => resolve(), { once: true });
    });
    socket.on('data', (chunk) => {
      link.lastIo = this.clock.now();
      reader.push(chunk);
      for (;;) {
        if (stage === 'payload') {
          if (payloadLen < 0) {
            const line = reader.readLine();
            if (line === undefined) return;
            payloadLen = Number(line.slice(1));
          }
          const body = reader.readRaw(payloadLen);
          if (body === undefined) return;
          this.log('*', `MASTER <-> REPLICA sync: receiving ${payloadLen} bytes from master to disk`);
          this.db.load(JSON.parse(body) as [string, string, number | null][]);
          link.status = 'connected';
          this.log('*', 'MASTER <-> REPLICA sync: Finished with success');
          stage = 'stream';
          continue;
        }
        if (stage === 'stream') {
          const args = reader.readCommand();
          if (!args) return;
          this.execute(args, true);
          this.offset += reader.consumed;
          socket.write(encodeCommand(['REPLCONF', 'ACK', String(this.offset)]));
          continue;
        }
        const line = reader.readLine();
        if (line === undefined) return;
        if (stage === 'ping') {
          this.log('*', 'Master replied to PING, replication can continue...');
          stage = 'port';
          socket.write(encodeCommand(['REPLCONF', 'listening-port', String(this.port)]));
        } else if (stage === 'port') {
          stage = 'capa';
          socket.write(encodeCommand(['REPLCONF', 'capa', 'eof', 'capa', 'psync2']));
        } else if (stage === 'capa') {
          stage = 'psync';
          socket.write(encodeCommand(['PSYNC', '?', '-1']));
        } else if (stage === 'psync') {
          const m = /^\+FULLRESYNC (\S+) (\d+)/.exec(line);
          if (!m) return socket.destroy();
          this.log('*', `Full resync from master: ${m[1]}:${m[2]}`);
          this.offset = Number(m[2]);
          link.status = 'sync';
          stage = 'payload';
        }
      }
    });
    socket.write(encodeCommand(['PING']));
    await closed;
    if (gen === this.generation && (link.status as MasterLink['status']) === 'connected') this.log('#', 'Connection with master lost.');
    link.socket = undefined;
  }
  // #endregion replica

  roleReply(): Reply {
    if (this.master) {
      const state = this.master.status === 'connected' ? 'connected' : this.master.status === 'sync' ? 'sync' : 'connect';
      return arr([bulk('slave'), bulk(this.master.host), int(this.master.port), bulk(state), int(this.offset)]);
    }
    return arr([bulk('master'), int(this.offset), arr([...this.replicas].map((r) => arr([bulk(r.ip), bulk(String(r.port)), bulk(String(r.offset))])))]);
  }

  config(): Record<string, string> {
    return {
      port: String(this.port),
      bind: '* -::*',
      'protected-mode': 'no',
      replicaof: this.master ? `${this.master.host} ${this.master.port}` : '',
      slaveof: this.master ? `${this.master.host} ${this.master.port}` : '',
      'replica-read-only': 'yes',
      'slave-read-only': 'yes',
      maxmemory: '0',
      appendonly: 'no',
      databases: '16',
      dir: '/data',
      save: '3600 1 300 100 60 10000',
    };
  }

  info(sections: string[]): string {
    const want = sections.map((s) => s.toLowerCase());
    const all = want.length === 0 || want.includes('all') || want.includes('everything') || want.includes('default');
    const out: string[] = [];
    const uptime = Math.floor((this.clock.now() - this.started) / 1000);
    if (all || want.includes('server')) {
      out.push('# Server', `redis_version:${REDIS_VERSION}`, 'redis_git_sha1:00000000', 'redis_git_dirty:0', 'redis_mode:standalone',
        'os:Linux 6.1.0-kubelab x86_64', 'arch_bits:64', 'process_id:1', `run_id:${this.replid}`, `tcp_port:${this.port}`,
        `uptime_in_seconds:${uptime}`, `uptime_in_days:${Math.floor(uptime / 86400)}`, 'executable:/data/redis-server', 'config_file:', '');
    }
    if (all || want.includes('clients')) out.push('# Clients', `connected_clients:${this.connectedClients}`, 'blocked_clients:0', '');
    if (all || want.includes('replication')) out.push(...this.replicationInfo(), '');
    if (all || want.includes('keyspace')) {
      out.push('# Keyspace');
      if (this.db.size() > 0) out.push(`db0:keys=${this.db.size()},expires=${this.db.expires()},avg_ttl=0`);
      out.push('');
    }
    return out.join('\r\n');
  }

  private replicationInfo(): string[] {
    const lines = ['# Replication'];
    if (this.master) {
      const up = this.master.status === 'connected';
      lines.push('role:slave', `master_host:${this.master.host}`, `master_port:${this.master.port}`, `master_link_status:${up ? 'up' : 'down'}`,
        `master_last_io_seconds_ago:${up ? Math.floor((this.clock.now() - this.master.lastIo) / 1000) : -1}`,
        `master_sync_in_progress:${this.master.status === 'sync' ? 1 : 0}`, `slave_read_repl_offset:${this.offset}`,
        `slave_repl_offset:${this.offset}`, 'slave_priority:100', 'slave_read_only:1', 'replica_announced:1');
    } else lines.push('role:master');
    lines.push(`connected_slaves:${this.replicas.size}`);
    if (!this.master) {
      [...this.replicas].forEach((r, i) => {
        lines.push(`slave${i}:ip=${r.ip},port=${r.port},state=online,offset=${r.offset},lag=${Math.floor((this.clock.now() - r.lastAck) / 1000)}`);
      });
    }
    lines.push('master_failover_state:no-failover', `master_replid:${this.replid}`, 'master_replid2:0000000000000000000000000000000000000000',
      `master_repl_offset:${this.offset}`, 'second_repl_offset:-1', 'repl_backlog_active:1', 'repl_backlog_size:1048576',
      'repl_backlog_first_byte_offset:1', `repl_backlog_histlen:${this.offset}`);
    return lines;
  }
}
