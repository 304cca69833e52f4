// Mirrors k8s.io/kubectl/pkg/cmd/version/version.go: the client version and the server's /version.
import { toJSON, toYAML } from '../printers/marshal.js';
import { bool, str } from './util/flags.js';
import type { Command } from './util/command.js';

/** clientVersion is the version this kubectl reports (it follows kubectl v1.32's behaviour). */
export const clientVersion = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: 'kubelab',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'typescript',
  compiler: 'tsc',
  platform: 'js/any',
};

export const versionCommand: Command = {
  name: 'version',
  short: 'Print the client and server version information',
  flags: [{ name: 'client', kind: 'bool' }, { name: 'output', short: 'o', kind: 'string' }],
  async run({ f, io, flags }) {
    const out = str(flags, 'output');
    if (out && out !== 'yaml' && out !== 'json') throw new Error(`--output must be 'yaml' or 'json'`);
    const result: Record<string, unknown> = { clientVersion };
    let serverErr: unknown;
    if (!bool(flags, 'client')) {
      try {
        result.serverVersion = await (await f.restClient()).get('/version');
      } catch (err) {
        serverErr = err;
      }
    }
    if (out === 'json') io.stdout(toJSON(result, '  ') + '\n');
    else if (out === 'yaml') io.stdout(toYAML(result));
    else {
      io.stdout(`Client Version: ${clientVersion.gitVersion}\n`);
      const sv = result.serverVersion as { gitVersion?: string } | undefined;
      if (sv) io.stdout(`Server Version: ${sv.gitVersion}\n`);
    }
    if (serverErr) throw serverErr;
  },
};
