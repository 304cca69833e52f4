// Mirrors k8s.io/kubectl/pkg/cmd/create/create_configmap.go and create_secret.go (generic):
// data from --from-literal=KEY=VALUE, --from-file=[KEY=]PATH (a folder adds each file) and
// --from-env-file=PATH (KEY=VALUE lines), base64-encoded for secrets.
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import type { KubectlIO } from '../util/io.js';
import { arr, str } from '../util/flags.js';
import type { Command, CommandContext } from '../util/command.js';
import { createGenerated, generatorFlags, nameArg, newMeta } from './generic.js';

const dataFlags = [
  ...generatorFlags,
  { name: 'from-literal', kind: 'stringArray' as const },
  { name: 'from-file', kind: 'stringSlice' as const },
  { name: 'from-env-file', kind: 'stringSlice' as const },
  { name: 'append-hash', kind: 'bool' as const },
];

/** collectData reads the --from-* flags into a key → text map, rejecting duplicate keys. */
export async function collectData(ctx: CommandContext, kindName: string): Promise<Record<string, string>> {
  const { flags, io } = ctx;
  const literals = arr(flags, 'from-literal');
  const files = arr(flags, 'from-file');
  const envFiles = arr(flags, 'from-env-file');
  if (envFiles.length && (files.length || literals.length)) throw new Error('from-env-file cannot be combined with from-file or from-literal');
  const data: Record<string, string> = {};
  const add = (key: string, value: string) => {
    if (key in data) throw new Error(`cannot add key "${key}", another key by that name already exists in Data for ${kindName}`);
    data[key] = value;
  };
  for (const lit of literals) {
    const eq = lit.indexOf('=');
    if (eq <= 0) throw new Error(`invalid literal source ${lit}, expected key=value`);
    add(lit.slice(0, eq), lit.slice(eq + 1));
  }
  for (const spec of files) {
    const eq = spec.indexOf('=');
    const key = eq > 0 ? spec.slice(0, eq) : '';
    const path = eq > 0 ? spec.slice(eq + 1) : spec;
    const kind = await io.files.stat(path);
    if (!kind) throw new Error(`error reading ${path}: no such file or directory`);
    if (kind === 'dir') {
      if (key) throw new Error('cannot give a key name for a directory path');
      for (const name of await io.files.readDir(path)) {
        const p = `${path.replace(/\/+$/, '')}/${name}`;
        if ((await io.files.stat(p)) === 'file') add(name, await io.files.readFile(p));
      }
    } else add(key || path.split('/').pop()!, await io.files.readFile(path));
  }
  for (const path of envFiles) for (const [k, v] of await readEnvFile(io, path)) add(k, v);
  return data;
}

async function readEnvFile(io: KubectlIO, path: string): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  const text = await io.files.readFile(path);
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '').trimStart();
    if (!line.trim() || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    if (eq < 0) {
      // A bare KEY takes its value from the environment.
      const v = io.env[line.trim()];
      if (v !== undefined) out.push([line.trim(), v]);
      return;
    }
    const key = line.slice(0, eq);
    if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) throw new Error(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (line ${i + 1})`);
    out.push([key, line.slice(eq + 1)]);
  });
  return out;
}

const base64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

export const createConfigMapCommand: Command = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  flags: dataFlags,
  async run(ctx) {
    const name = nameArg(ctx.args);
    const data = await collectData(ctx, `ConfigMap "${name}"`);
    const obj = { kind: 'ConfigMap', apiVersion: 'v1', metadata: await newMeta(ctx, name, true), ...(Object.keys(data).length ? { data } : {}) } as KubeObject;
    await createGenerated(ctx, obj);
  },
};

const createSecretGenericCommand: Command = {
  name: 'generic',
  short: 'Create a secret from a local file, directory, or literal value',
  flags: [...dataFlags, { name: 'type', kind: 'string' }],
  async run(ctx) {
    const name = nameArg(ctx.args);
    const raw = await collectData(ctx, `Secret "${name}"`);
    const data = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, base64(v)]));
    const type = str(ctx.flags, 'type');
    const obj = {
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: await newMeta(ctx, name, true),
      ...(Object.keys(data).length ? { data } : {}),
      ...(type ? { type } : {}),
    } as KubeObject;
    await createGenerated(ctx, obj);
  },
};

export const createSecretCommand: Command = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  sub: [createSecretGenericCommand],
};
