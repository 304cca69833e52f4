// Mirrors k8s.io/kubectl/pkg/cmd/run/run.go and generate/versioned/run.go (BasicPod): creates a
// pod named NAME from --image, with --port, --labels (default run=NAME), --env, --restart and
// arguments after "--"; --dry-run=client -o yaml prints it instead. With -i (or --attach) it waits
// for the pod, attaches to it, then waits for its exit code (--restart=Never/OnFailure) and with
// --rm deletes it. Simplified: pods are waited for by polling, not by a watch.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { objectFormats, parseOutput, printObjects } from '../printers/print-flags.js';
import { arr, bool, str } from './util/flags.js';
import { UsageError } from './util/helpers.js';
import { dryRunFlag, outputFlags, type Command } from './util/command.js';
import { runAttached } from './run-attach.js';
import { dryRunStrategy, dryRunSuffix } from './util/dry-run.js';

export function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',').filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`invalid label spec: ${part}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

export function generatePod(name: string, o: { image: string; port?: string; labels: Record<string, string>; env: string[]; restart: string; command: boolean; args: string[]; pullPolicy?: string; stdin?: boolean; stdinOnce?: boolean; tty?: boolean }): KubeObject {
  const container: Record<string, unknown> = {};
  if (o.args.length && !o.command) container.args = o.args;
  if (o.args.length && o.command) container.command = o.args;
  if (o.env.length)
    container.env = o.env.map((e) => {
      const eq = e.indexOf('=');
      if (eq <= 0) throw new Error(`invalid env: ${e}`);
      return { name: e.slice(0, eq), value: e.slice(eq + 1) };
    });
  container.image = o.image;
  if (o.pullPolicy) container.imagePullPolicy = o.pullPolicy;
  container.name = name;
  if (o.port) container.ports = [{ containerPort: Number(o.port) }];
  container.resources = {};
  if (o.stdin) container.stdin = true;
  if (o.stdin && o.stdinOnce) container.stdinOnce = true;
  if (o.tty) container.tty = true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { creationTimestamp: null, labels: o.labels, name },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: o.restart },
    status: {},
  };
}

export const runCommand: Command = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  flags: [
    ...outputFlags,
    dryRunFlag,
    { name: 'image', kind: 'string' },
    { name: 'port', kind: 'string' },
    { name: 'labels', short: 'l', kind: 'string' },
    { name: 'env', kind: 'stringArray' },
    { name: 'restart', kind: 'string', default: 'Always' },
    { name: 'command', kind: 'bool' },
    { name: 'image-pull-policy', kind: 'string' },
    { name: 'stdin', short: 'i', kind: 'bool' },
    { name: 'tty', short: 't', kind: 'bool' },
    { name: 'rm', kind: 'bool' },
    { name: 'attach', kind: 'bool' },
    { name: 'leave-stdin-open', kind: 'bool' },
    { name: 'quiet', short: 'q', kind: 'bool' },
    { name: 'pod-running-timeout', kind: 'string', default: '1m0s' },
    { name: 'expose', kind: 'bool' },
  ],
  async run(ctx) {
    const { f, io, flags, args, changed } = ctx;
    const [name, ...rest] = args;
    if (!name) throw new UsageError('NAME is required for run');
    if (!str(flags, 'image')) throw new Error(`required flag(s) "image" not set`);
    const restart = str(flags, 'restart');
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new Error(`invalid restart policy: ${restart}`);
    const dryRun = dryRunStrategy(flags);
    const stdin = bool(flags, 'stdin');
    const tty = bool(flags, 'tty');
    const attach = changed.has('attach') ? bool(flags, 'attach') : stdin;
    if (tty && !stdin) throw new Error('-i/--stdin is required for containers with -t/--tty=true');
    if (bool(flags, 'rm') && !attach) throw new Error('--rm should only be used for attached containers');
    if (attach && dryRun !== 'none') throw new Error("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    const output = str(flags, 'output') ? parseOutput(str(flags, 'output'), objectFormats) : undefined;
    const pod = generatePod(name, {
      image: str(flags, 'image'),
      port: str(flags, 'port'),
      labels: str(flags, 'labels') ? parseLabels(str(flags, 'labels')) : { run: name },
      env: arr(flags, 'env'),
      restart,
      command: bool(flags, 'command'),
      args: rest,
      ...(str(flags, 'image-pull-policy') ? { pullPolicy: str(flags, 'image-pull-policy') } : {}),
      stdin,
      stdinOnce: !bool(flags, 'leave-stdin-open'),
      tty,
    });
    let result = pod;
    if (dryRun !== 'client') {
      const { namespace } = await f.namespace();
      const client = await f.restClient();
      result = await client.do<KubeObject>('POST', `/api/v1/namespaces/${namespace}/pods`, {
        body: pod,
        query: { fieldManager: 'kubectl-run', ...(dryRun === 'server' ? { dryRun: 'All' } : {}) },
      });
    }
    if (attach) return runAttached(ctx, result, restart);
    if (output && output.kind !== 'name') printObjects([result], output, true, io.stdout);
    else io.stdout(output?.kind === 'name' ? `pod/${name}\n` : `pod/${name} created${dryRunSuffix(dryRun)}\n`);
  },
};
