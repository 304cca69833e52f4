// Mirrors cri-tools' cmd/crictl (container.go, sandbox.go, image.go, display.go) and the docker
// CLI's `ps` as they look on a node run by the kubelet: every container, the pause sandboxes
// included. Simplified: only the listing verbs and their common flags.
import type { ContainerdRuntime } from '../kubelet/cri/runtime-service.js';
import type { Tool } from '../net/tools/types.js';

/** NodeRuntime is what the listing tools read: the node's CRI runtime and images. */
export interface NodeRuntime {
  runtime: ContainerdRuntime;
  images: { listImages(): { id: string; repoTags: string[]; size: number }[] };
  now(): number;
}

/** tabwriter lays rows out like Go's text/tabwriter; the last column is not padded. */
export function tabwriter(rows: string[][], minwidth: number, padding: number): string {
  const widths: number[] = [];
  for (const row of rows) row.slice(0, -1).forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, minwidth, cell.length + padding)));
  return rows.map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('') + '\n').join('');
}

/** humanDuration is go-units' HumanDuration, the "CREATED … ago" of crictl and docker. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 14) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 60) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 730) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

const stripDigest = (id: string) => id.replace(/^sha256:/, '');
const label = (labels: Record<string, string>, key: string) => labels[key] ?? 'unknown';
const stateName = { CONTAINER_CREATED: 'Created', CONTAINER_RUNNING: 'Running', CONTAINER_EXITED: 'Exited', CONTAINER_UNKNOWN: 'Unknown' } as const;

function parse(argv: string[], booleans: Record<string, string>): { flags: Set<string>; error?: string } {
  const flags = new Set<string>();
  for (const a of argv) {
    const name = booleans[a];
    if (!name) return { flags, error: `flag provided but not defined: ${a.replace(/^--?/, '-')}` };
    flags.add(name);
  }
  return { flags };
}

function crictlPs(n: NodeRuntime, argv: string[], out: (s: string) => void): string | undefined {
  const { flags, error } = parse(argv, { '-a': 'all', '--all': 'all', '-q': 'quiet', '--quiet': 'quiet', '--no-trunc': 'no-trunc' });
  if (error) return error;
  const trunc = (id: string) => (flags.has('no-trunc') ? id : stripDigest(id).slice(0, 13));
  const list = n.runtime
    .listContainers(flags.has('all') ? {} : { state: 'CONTAINER_RUNNING' })
    .sort((a, b) => b.createdAt - a.createdAt);
  if (flags.has('quiet')) return void out(list.map((c) => `${c.id}\n`).join(''));
  const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD']];
  for (const c of list) {
    const image = c.imageRef.startsWith('sha256:') ? trunc(c.imageRef) : c.image.image;
    rows.push([trunc(c.id), image, `${humanDuration(n.now() - c.createdAt)} ago`, stateName[c.state], c.metadata.name, String(c.metadata.attempt), trunc(c.podSandboxId), label(c.labels, 'io.kubernetes.pod.name')]);
  }
  out(tabwriter(rows, 20, 3));
}

function crictlPods(n: NodeRuntime, argv: string[], out: (s: string) => void): string | undefined {
  const { flags, error } = parse(argv, { '-q': 'quiet', '--quiet': 'quiet', '--no-trunc': 'no-trunc' });
  if (error) return error;
  const list = n.runtime.listPodSandbox().sort((a, b) => b.createdAt - a.createdAt);
  if (flags.has('quiet')) return void out(list.map((s) => `${s.id}\n`).join(''));
  const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
  for (const s of list) {
    const id = flags.has('no-trunc') ? s.id : s.id.slice(0, 13);
    rows.push([id, `${humanDuration(n.now() - s.createdAt)} ago`, s.state === 'SANDBOX_READY' ? 'Ready' : 'NotReady', s.metadata.name, s.metadata.namespace, String(s.metadata.attempt), '(default)']);
  }
  out(tabwriter(rows, 20, 3));
}

/** humanSize is go-units' HumanSizeWithPrecision(size, 3) as crictl images prints it. */
function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = bytes;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(3))}${units[i]}`;
}

function crictlImages(n: NodeRuntime, out: (s: string) => void): void {
  const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
  for (const img of n.images.listImages()) {
    for (const ref of img.repoTags) {
      const colon = ref.lastIndexOf(':');
      rows.push([ref.slice(0, colon), ref.slice(colon + 1), stripDigest(img.id).slice(0, 13), humanSize(img.size)]);
    }
  }
  out(tabwriter(rows, 20, 3));
}

/** crictl lists the node's containers (ps [-a]), sandboxes (pods) and images. */
export const crictl = (n: NodeRuntime): Tool => async (argv, io) => {
  const [verb, ...rest] = argv;
  let error: string | undefined;
  if (verb === 'ps') error = crictlPs(n, rest, io.stdout);
  else if (verb === 'pods') error = crictlPods(n, rest, io.stdout);
  else if (verb === 'images' || verb === 'img') crictlImages(n, io.stdout);
  else if (verb === 'version') io.stdout(`Version:  0.1.0\nRuntimeName:  ${n.runtime.version().runtimeName}\nRuntimeVersion:  ${n.runtime.version().runtimeVersion}\nRuntimeApiVersion:  v1\n`);
  else {
    io.stderr(verb ? `No help topic for '${verb}'\n` : 'Usage: crictl [global options] command [command options]\n\nCommands: ps, pods, images, version (in this node shell)\n');
    return verb ? 3 : 0;
  }
  if (error) {
    io.stderr(`Incorrect Usage: ${error}\n`);
    return 1;
  }
  return 0;
};

/** dockerName is the name dockershim gave a pod's container: k8s_<container>_<pod>_<ns>_<uid>_<attempt>. */
export function dockerName(container: string, pod: { name: string; namespace: string; uid: string }, attempt: number): string {
  return `k8s_${container}_${pod.name}_${pod.namespace}_${pod.uid}_${attempt}`;
}

const ellipsis = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** docker shows the same containers as `docker ps` did on dockershim nodes. */
export const docker = (n: NodeRuntime): Tool => async (argv, io) => {
  const [verb, ...rest] = argv;
  if (verb !== 'ps') {
    io.stderr(verb ? `docker: '${verb}' is not a docker command.\nSee 'docker --help'\n` : 'Usage:  docker ps [OPTIONS]   (the only docker command in this node shell)\n');
    return verb ? 1 : 0;
  }
  const { flags, error } = parse(rest, { '-a': 'all', '--all': 'all', '-q': 'quiet', '--quiet': 'quiet', '--no-trunc': 'no-trunc' });
  if (error) {
    io.stderr(`unknown shorthand flag: '${error.split('-').pop()}' in ${error.split(': ')[1]}\nSee 'docker ps --help'.\n`);
    return 125;
  }
  const now = n.now();
  const entries: { id: string; image: string; command: string; created: number; status: string; name: string; running: boolean }[] = [];
  for (const sb of n.runtime.listPodSandbox()) {
    const running = sb.state === 'SANDBOX_READY';
    entries.push({
      id: sb.id, image: 'registry.k8s.io/pause:3.9', command: '/pause', created: sb.createdAt, running,
      status: running ? `Up ${humanDuration(now - sb.createdAt)}` : 'Exited (0)',
      name: dockerName('POD', sb.metadata, sb.metadata.attempt),
    });
  }
  for (const c of n.runtime.listContainers()) {
    const running = c.state === 'CONTAINER_RUNNING';
    const status = running ? `Up ${humanDuration(now - c.startedAt)}` : c.state === 'CONTAINER_CREATED' ? 'Created' : `Exited (${c.exitCode}) ${humanDuration(now - c.finishedAt)} ago`;
    const pod = { name: label(c.labels, 'io.kubernetes.pod.name'), namespace: label(c.labels, 'io.kubernetes.pod.namespace'), uid: label(c.labels, 'io.kubernetes.pod.uid') };
    const command = n.runtime.processOf(c.id)?.context.argv.join(' ') ?? '';
    entries.push({ id: c.id, image: c.image.image, command, created: c.createdAt, status, running, name: dockerName(c.metadata.name, pod, c.metadata.attempt) });
  }
  const shown = entries.filter((e) => e.running || flags.has('all')).sort((a, b) => b.created - a.created);
  if (flags.has('quiet')) return io.stdout(shown.map((e) => `${e.id.slice(0, 12)}\n`).join('')), 0;
  const rows = [['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES']];
  for (const e of shown) {
    const trunc = !flags.has('no-trunc');
    rows.push([trunc ? e.id.slice(0, 12) : e.id, e.image, `"${trunc ? ellipsis(e.command, 20) : e.command}"`, `${humanDuration(now - e.created)} ago`, e.status, '', e.name]);
  }
  io.stdout(tabwriter(rows, 10, 3));
  return 0;
};
