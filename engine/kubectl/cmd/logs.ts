// Mirrors k8s.io/kubectl/pkg/cmd/logs/logs.go: `kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]`
// or `-l selector`: resolves the pods, then reads each container's pods/log stream (in parallel
// when following several), line by line, optionally prefixed with "[pod/<pod>/<container>] ".
import { StatusError } from '../../apimachinery/api/errors/errors.js';
import { errorFromResponse } from '../rest/client.js';
import { resourcePath } from '../rest/discovery.js';
import { parseDuration } from '../drain/drain.js';
import { getFirstPod, requestsForPod, selectorFor, type LogPod, type LogRequest, type LogsContext } from '../polymorphichelpers/logs-for-object.js';
import { bool, int, str } from './util/flags.js';
import { UsageError } from './util/helpers.js';
import type { Command, CommandContext } from './util/command.js';

const usage = `expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command`;
/** selectorTail is how many lines each pod gives when -l is used without --tail. */
const selectorTail = 10;

export const logsCommand: Command = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  flags: [
    { name: 'all-containers', kind: 'bool' },
    { name: 'all-pods', kind: 'bool' },
    { name: 'container', short: 'c', kind: 'string' },
    { name: 'follow', short: 'f', kind: 'bool' },
    { name: 'ignore-errors', kind: 'bool' },
    { name: 'insecure-skip-tls-verify-backend', kind: 'bool' },
    { name: 'limit-bytes', kind: 'int' },
    { name: 'max-log-requests', kind: 'int', default: 5 },
    { name: 'pod-running-timeout', kind: 'string', default: '20s' },
    { name: 'prefix', kind: 'bool' },
    { name: 'previous', short: 'p', kind: 'bool' },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'since', kind: 'string', default: '0s' },
    { name: 'since-time', kind: 'string' },
    { name: 'tail', kind: 'int', default: -1 },
    { name: 'timestamps', kind: 'bool' },
  ],
  async run(ctx) {
    const { f, io, args, flags, changed } = ctx;
    const selector = str(flags, 'selector');
    let container = str(flags, 'container');
    if (args.length === 0 && !selector) throw new UsageError(usage);
    if (args.length === 1 && selector) throw new UsageError('only a selector (-l) or a POD name is allowed');
    if (args.length > 2) throw new UsageError(usage);
    if (args.length === 2) container = args[1]!;
    const sinceMs = parseDuration(str(flags, 'since'));
    const sinceTime = str(flags, 'since-time');
    const tail = int(flags, 'tail');
    if (sinceTime && sinceMs) throw new Error('at most one of `sinceTime` or `sinceSeconds` may be specified');
    if (bool(flags, 'all-containers') && container) throw new Error(`--all-containers=true should not be specified with container name ${container}`);
    if (changed.has('container') && args.length === 2) throw new Error('only one of -c or an inline [CONTAINER] arg is allowed');
    if (int(flags, 'limit-bytes') < 0) throw new Error('--limit-bytes must be greater than 0');
    if (tail < -1) throw new Error('--tail must be greater than or equal to -1');

    const query: Record<string, string> = {};
    if (container) query.container = container;
    if (bool(flags, 'follow')) query.follow = 'true';
    if (bool(flags, 'previous')) query.previous = 'true';
    if (bool(flags, 'timestamps')) query.timestamps = 'true';
    if (bool(flags, 'insecure-skip-tls-verify-backend')) query.insecureSkipTLSVerifyBackend = 'true';
    if (sinceTime) query.sinceTime = sinceTime;
    if (int(flags, 'limit-bytes')) query.limitBytes = String(int(flags, 'limit-bytes'));
    if (sinceMs) query.sinceSeconds = String(Math.round(sinceMs / 1000));
    if (selector && tail === -1 && !changed.has('tail')) query.tailLines = String(selectorTail);
    else if (tail !== -1) query.tailLines = String(tail);

    const requests = await resolveRequests(ctx, args[0], selector, query);
    const follow = bool(flags, 'follow');
    if (follow && requests.length > 1) {
      const max = int(flags, 'max-log-requests');
      if (requests.length > max)
        throw new Error(`you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`);
      const results = await Promise.allSettled(requests.map((r) => consume(ctx, r)));
      for (const res of results) {
        if (res.status === 'rejected') {
          if (!bool(flags, 'ignore-errors')) throw res.reason;
          io.stdout(`error: ${(res.reason as Error).message}\n`);
        }
      }
      return;
    }
    for (const r of requests) await consume(ctx, r);
  },
};

/** resolveRequests is Complete's builder plus LogsForObject. */
async function resolveRequests(ctx: CommandContext, resourceArg: string | undefined, selector: string, query: Record<string, string>): Promise<LogRequest[]> {
  const { f, io, flags } = ctx;
  const client = await f.restClient();
  const { namespace } = await f.namespace();
  const lc: LogsContext = { client, clock: io.clock, errOut: io.stderr, podRunningTimeoutMs: parseDuration(str(flags, 'pod-running-timeout')) };
  const allContainers = bool(flags, 'all-containers');
  const allPods = bool(flags, 'all-pods');
  if (selector) {
    const list = await client.get<{ items: LogPod[] }>(`/api/v1/namespaces/${namespace}/pods`, { query: { labelSelector: selector } });
    if (!list.items?.length) io.stderr(`No resources found in ${namespace} namespace.\n`);
    return (list.items ?? []).flatMap((p) => requestsForPod(lc, p, query, allContainers, allPods));
  }
  const arg = resourceArg!;
  const slash = arg.indexOf('/');
  const disco = await f.discovery();
  const r = await disco.resourceFor(slash >= 0 ? arg.slice(0, slash) : 'pods');
  const name = slash >= 0 ? arg.slice(slash + 1) : arg;
  const obj = await client.get<LogPod & { kind?: string; spec?: Record<string, unknown> }>(resourcePath(r, r.namespaced ? namespace : undefined, name)).catch((err) => {
    if (err instanceof StatusError && err.status.code === 404) throw new Error(`error from server (NotFound): ${err.message} in namespace "${namespace}"`);
    throw err;
  });
  obj.kind ??= r.kind;
  if (r.kind === 'Pod') return requestsForPod(lc, obj, query, allContainers, allPods);
  const sel = selectorFor(obj);
  const first = await getFirstPod(lc, namespace, sel);
  if (first.count > 1) {
    if (allPods) return first.pods.flatMap((p) => requestsForPod(lc, p, query, allContainers, true));
    io.stderr(`Found ${first.count} pods, using pod/${first.pod.metadata.name}\n`);
  }
  return requestsForPod(lc, first.pod, query, allContainers, allPods);
}

/** consume is DefaultConsumeRequest: copies the stream to stdout a whole line at a time. */
async function consume(ctx: CommandContext, r: LogRequest): Promise<void> {
  const client = await ctx.f.restClient();
  const prefix = bool(ctx.flags, 'prefix') ? `[pod/${r.pod}/${r.container}] ` : '';
  const res = await client.raw('GET', `/api/v1/namespaces/${r.namespace}/pods/${r.pod}/log`, {
    query: r.query,
    accept: 'application/json, */*',
    ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
  });
  if (res.status < 200 || res.status >= 300) throw errorFromResponse(res.status, await res.text(), 'GET');
  if (!res.body) return;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const signal = ctx.io.signal;
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', onAbort);
  let buf = '';
  try {
    for (;;) {
      if (signal?.aborted) break;
      const { value, done } = await reader.read().catch((err) => {
        if (signal?.aborted) return { value: undefined, done: true as const };
        throw err;
      });
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      const nl = buf.lastIndexOf('\n');
      if (nl >= 0) {
        ctx.io.stdout(withPrefix(buf.slice(0, nl + 1), prefix));
        buf = buf.slice(nl + 1);
      }
    }
    buf += decoder.decode();
    if (buf) ctx.io.stdout(withPrefix(buf, prefix));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}

function withPrefix(text: string, prefix: string): string {
  if (!prefix) return text;
  return text.replace(/^(?=.)/gm, prefix);
}
