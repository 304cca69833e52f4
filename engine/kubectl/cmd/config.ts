// Mirrors k8s.io/kubectl/pkg/cmd/config: view, get-contexts, current-context, use-context,
// set-context, set-cluster, set-credentials, delete-context — reading and writing the kubeconfig.
import { TabWriter } from '../printers/tabwriter.js';
import { toJSON, toYAML } from '../printers/marshal.js';
import { executeTemplate } from '../printers/jsonpath.js';
import type { Kubeconfig } from '../kubeconfig/types.js';
import { bool, str } from './util/flags.js';
import type { Command, CommandContext } from './util/command.js';

async function load(ctx: CommandContext) {
  return ctx.f.rawConfig();
}

async function save(ctx: CommandContext, cfg: Kubeconfig, path: string): Promise<void> {
  await ctx.io.files.writeFile(path, toYAML(cfg));
}

function redact(cfg: Kubeconfig): Kubeconfig {
  const c = structuredClone(cfg);
  for (const cl of c.clusters ?? []) if (cl.cluster['certificate-authority-data']) cl.cluster['certificate-authority-data'] = 'DATA+OMITTED';
  for (const u of c.users ?? []) {
    if (u.user['client-certificate-data']) u.user['client-certificate-data'] = 'DATA+OMITTED';
    if (u.user['client-key-data']) u.user['client-key-data'] = 'DATA+OMITTED';
    if (u.user.token) u.user.token = 'REDACTED';
    if (u.user.password) u.user.password = 'REDACTED';
  }
  return c;
}

function minify(cfg: Kubeconfig, context: string): Kubeconfig {
  const ctx = cfg.contexts?.find((c) => c.name === context);
  if (!ctx) throw new Error(context ? `cannot locate context ${context}` : 'current-context must exist in order to minify');
  return {
    ...cfg,
    'current-context': ctx.name,
    contexts: [ctx],
    clusters: cfg.clusters?.filter((c) => c.name === ctx.context.cluster) ?? null,
    users: cfg.users?.filter((u) => u.name === ctx.context.user) ?? null,
  };
}

const view: Command = {
  name: 'view',
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  flags: [{ name: 'minify', kind: 'bool' }, { name: 'raw', kind: 'bool' }, { name: 'flatten', kind: 'bool' }, { name: 'output', short: 'o', kind: 'string', default: 'yaml' }],
  async run(ctx) {
    let { config } = await load(ctx);
    if (bool(ctx.flags, 'minify')) config = minify(config, str(ctx.flags, 'context') || config['current-context']);
    if (!bool(ctx.flags, 'raw')) config = redact(config);
    const out = str(ctx.flags, 'output');
    const ordered = { apiVersion: 'v1', clusters: config.clusters, contexts: config.contexts, 'current-context': config['current-context'], kind: 'Config', preferences: config.preferences ?? {}, users: config.users };
    if (out === 'json') ctx.io.stdout(toJSON(ordered) + '\n');
    else if (out.startsWith('jsonpath=')) ctx.io.stdout(executeTemplate(out.slice(9), ordered));
    else ctx.io.stdout(toYAML(ordered));
  },
};

const getContexts: Command = {
  name: 'get-contexts',
  short: 'Describe one or many contexts',
  flags: [{ name: 'no-headers', kind: 'bool' }, { name: 'output', short: 'o', kind: 'string' }],
  async run(ctx) {
    const { config } = await load(ctx);
    let contexts = [...(config.contexts ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    if (ctx.args.length) {
      const missing = ctx.args.filter((n) => !contexts.some((c) => c.name === n));
      if (missing.length) throw new Error(`context ${missing[0]} not found`);
      contexts = contexts.filter((c) => ctx.args.includes(c.name));
    }
    if (str(ctx.flags, 'output') === 'name') {
      for (const c of contexts) ctx.io.stdout(c.name + '\n');
      return;
    }
    const w = new TabWriter(ctx.io.stdout);
    if (!bool(ctx.flags, 'no-headers')) w.write('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n');
    for (const c of contexts)
      w.write(`${c.name === config['current-context'] ? '*' : ''}\t${c.name}\t${c.context.cluster}\t${c.context.user}\t${c.context.namespace ?? ''}\n`);
    w.flush();
  },
};

const currentContext: Command = {
  name: 'current-context',
  short: 'Display the current-context',
  async run(ctx) {
    const { config } = await load(ctx);
    if (!config['current-context']) throw new Error('current-context is not set');
    ctx.io.stdout(config['current-context'] + '\n');
  },
};

const useContext: Command = {
  name: 'use-context',
  aliases: ['use'],
  short: 'Set the current-context in a kubeconfig file',
  async run(ctx) {
    const name = ctx.args[0];
    if (!name) throw new Error('empty context names are not allowed');
    const { config, path } = await load(ctx);
    if (!config.contexts?.some((c) => c.name === name)) throw new Error(`no context exists with the name: "${name}"`);
    config['current-context'] = name;
    await save(ctx, config, path);
    ctx.io.stdout(`Switched to context "${name}".\n`);
  },
};

const setContext: Command = {
  name: 'set-context',
  short: 'Set a context entry in kubeconfig',
  flags: [{ name: 'current', kind: 'bool' }],
  async run(ctx) {
    const { config, path } = await load(ctx);
    const name = bool(ctx.flags, 'current') ? config['current-context'] : ctx.args[0];
    if (!name) throw new Error(bool(ctx.flags, 'current') ? 'no current context is set' : 'you must specify a non-empty context name or --current');
    config.contexts ??= [];
    let entry = config.contexts.find((c) => c.name === name);
    const created = !entry;
    if (!entry) {
      entry = { name, context: { cluster: '', user: '' } };
      config.contexts.push(entry);
    }
    if (ctx.changed.has('cluster')) entry.context.cluster = str(ctx.flags, 'cluster');
    if (ctx.changed.has('user')) entry.context.user = str(ctx.flags, 'user');
    if (ctx.changed.has('namespace')) entry.context.namespace = str(ctx.flags, 'namespace');
    await save(ctx, config, path);
    ctx.io.stdout(`Context "${name}" ${created ? 'created' : 'modified'}.\n`);
  },
};

const setCluster: Command = {
  name: 'set-cluster',
  short: 'Set a cluster entry in kubeconfig',
  flags: [{ name: 'certificate-authority', kind: 'string' }, { name: 'embed-certs', kind: 'bool' }],
  async run(ctx) {
    const name = ctx.args[0];
    if (!name) throw new Error('you must specify a non-empty cluster name');
    const { config, path } = await load(ctx);
    config.clusters ??= [];
    let entry = config.clusters.find((c) => c.name === name);
    if (!entry) config.clusters.push((entry = { name, cluster: {} }));
    if (ctx.changed.has('server')) entry.cluster.server = str(ctx.flags, 'server');
    if (ctx.changed.has('insecure-skip-tls-verify')) entry.cluster['insecure-skip-tls-verify'] = bool(ctx.flags, 'insecure-skip-tls-verify');
    if (ctx.changed.has('certificate-authority')) entry.cluster['certificate-authority'] = str(ctx.flags, 'certificate-authority');
    await save(ctx, config, path);
    ctx.io.stdout(`Cluster "${name}" set.\n`);
  },
};

const setCredentials: Command = {
  name: 'set-credentials',
  short: 'Set a user entry in kubeconfig',
  flags: [{ name: 'username', kind: 'string' }, { name: 'password', kind: 'string' }, { name: 'client-certificate', kind: 'string' }, { name: 'client-key', kind: 'string' }],
  async run(ctx) {
    const name = ctx.args[0];
    if (!name) throw new Error('you must specify a non-empty user name');
    const { config, path } = await load(ctx);
    config.users ??= [];
    let entry = config.users.find((u) => u.name === name);
    if (!entry) config.users.push((entry = { name, user: {} }));
    if (ctx.changed.has('token')) entry.user.token = str(ctx.flags, 'token');
    for (const k of ['username', 'password', 'client-certificate', 'client-key'] as const) if (ctx.changed.has(k)) entry.user[k] = str(ctx.flags, k);
    await save(ctx, config, path);
    ctx.io.stdout(`User "${name}" set.\n`);
  },
};

const deleteContext: Command = {
  name: 'delete-context',
  short: 'Delete the specified context from the kubeconfig',
  async run(ctx) {
    const name = ctx.args[0];
    const { config, path } = await load(ctx);
    if (!name || !config.contexts?.some((c) => c.name === name)) throw new Error(`cannot delete context ${name ?? ''}, not in ${path}`);
    if (config['current-context'] === name) ctx.io.stderr('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
    config.contexts = config.contexts.filter((c) => c.name !== name);
    if (!config.contexts.length) config.contexts = null;
    await save(ctx, config, path);
    ctx.io.stdout(`deleted context ${name} from ${path}\n`);
  },
};

export const configCommand: Command = {
  name: 'config',
  short: 'Modify kubeconfig files',
  sub: [view, getContexts, currentContext, useContext, setContext, setCluster, setCredentials, deleteContext],
};
