// Mirrors etcd etcdctl/ctlv3/command/snapshot_command.go (and etcdutl's snapshot status):
// `snapshot save <file>` streams the member's snapshot to a file, `snapshot status <file>` sums it up.
import { base64ToBytes } from '../server/gateway-codec.js';
import { snapshotInfo } from '../snap/snapshotter.js';
import { etcdVersion } from '../server/gateway.js';
import { ExitBadArgs, ExitError, ExitIO, ExitWithError } from './command.js';
import type { CommandContext } from './command.js';
import { parseFlags } from './flags.js';
import { humanizeBytes, renderTable } from './printer.js';

export async function snapshotCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const f = parseFlags(rest, { values: [], bools: [] });
  const files = ctx.io.files;
  if (sub !== 'save' && sub !== 'status') throw new ExitWithError(ExitError, `unknown command "${sub ?? ''}" for "etcdctl snapshot"`);
  if (f.args.length !== 1) throw new ExitWithError(ExitBadArgs, `snapshot ${sub} expects one argument`);
  if (!files) throw new ExitWithError(ExitIO, 'no file system available');
  const path = f.args[0]!;
  if (sub === 'save') {
    if (ctx.endpoints.length !== 1) throw new ExitWithError(ExitBadArgs, `snapshot must be requested to one selected node, not multiple [${ctx.endpoints.join(' ')}]`);
    const chunks: Uint8Array[] = [];
    for await (const r of ctx.client.stream('/v3/maintenance/snapshot', {})) chunks.push(base64ToBytes(String(r.blob ?? '')));
    const size = chunks.reduce((n, c) => n + c.length, 0);
    const data = new Uint8Array(size);
    let off = 0;
    for (const c of chunks) {
      data.set(c, off);
      off += c.length;
    }
    await files.writeFile(path, data);
    ctx.io.stdout(`Snapshot saved at ${path}\n`);
    return 0;
  }
  let info;
  try {
    info = snapshotInfo(await files.readFile(path));
  } catch (err) {
    throw new ExitWithError(ExitError, (err as Error).message);
  }
  ctx.io.stderr('Deprecated: Use `etcdutl snapshot status` instead.\n\n');
  if (ctx.writeOut === 'json') {
    ctx.io.stdout(JSON.stringify({ hash: info.hash, revision: info.revision, totalKey: info.totalKeys, totalSize: info.totalSize, version: etcdVersion }) + '\n');
    return 0;
  }
  const row = [info.hash.toString(16), String(info.revision), String(info.totalKeys), humanizeBytes(info.totalSize), etcdVersion];
  if (ctx.writeOut === 'table') ctx.io.stdout(renderTable(['hash', 'revision', 'total keys', 'total size', 'version'], [row]));
  else ctx.io.stdout(row.join(', ') + '\n');
  return 0;
}
