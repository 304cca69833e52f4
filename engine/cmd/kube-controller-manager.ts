// Mirrors cmd/kube-controller-manager/controller-manager.go: the entry point — parse flags, point a
// client at the API server (--master), and run the controller manager until interrupted.
import { readFileSync } from 'node:fs';
import { httpTransport } from '../client/transport.js';
import { ControllerManager } from '../controller/manager/controllermanager.js';
import { parseFlags } from '../controller/manager/options.js';
import { RealClock } from '../util/clock.js';

export const usage = `Usage: kube-controller-manager --master=URL [flags]

  --controllers=*,...                    controllers to run ("*", "name", "-name")
  --concurrent-deployment-syncs=5        and the other --concurrent-*-syncs flags
  --node-monitor-grace-period=40s        --pod-eviction-timeout=5m0s  --node-monitor-period=5s
  --leader-elect=true                    --leader-elect-lease-duration=15s …
  --root-ca-file=PATH                    CA placed in service account token secrets
`;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(argv);
  } catch (err) {
    process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n${usage}`);
    return 1;
  }
  const { options, rest } = parsed;
  let master = 'http://127.0.0.1:8080';
  for (let i = 0; i < rest.length; i++) {
    const m = /^--(master|root-ca-file)(?:=(.*))?$/.exec(rest[i]!);
    if (!m) {
      process.stderr.write(`Error: unknown flag: ${rest[i]}\n${usage}`);
      return 1;
    }
    const value = m[2] ?? rest[++i] ?? '';
    if (m[1] === 'master') master = value;
    else options.rootCA = readFileSync(value, 'utf8');
  }
  const ctl = new AbortController();
  process.once('SIGINT', () => ctl.abort());
  process.once('SIGTERM', () => ctl.abort());
  const manager = new ControllerManager({ transport: httpTransport(master), clock: new RealClock(), options, onError: (err) => process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`) });
  await manager.run(ctl.signal);
  if (!ctl.signal.aborted) {
    process.stderr.write('leaderelection lost\n');
    return 1;
  }
  return 0;
}
