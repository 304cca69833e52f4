// Mirrors pkg/kubelet/lifecycle/handlers.go: run a postStart/preStop handler — exec in the
// container, an HTTP GET to the pod, or a sleep — and describe a failure as upstream's events do.
import type { Container, LifecycleHandler } from '../../api/core/v1/types.js';
import type { Clock } from '../../util/clock.js';
import type { RuntimeService } from '../cri/api.js';
import { httpRequest } from '../../images/lib/http.js';
import { resolvePort } from '../prober/prober.js';

/** runHandler resolves undefined on success, else the failure message. */
export async function runHandler(runtime: RuntimeService, clock: Clock, containerID: string, container: Container, handler: LifecycleHandler, podIP: string, timeoutSeconds: number, podDesc = ''): Promise<string | undefined> {
  const inPod = podDesc ? ` in Pod "${podDesc}"` : '';
  if (handler.exec) {
    const cmd = handler.exec.command ?? [];
    try {
      const r = await runtime.execSync(containerID, cmd, timeoutSeconds);
      if (r.exitCode === 0) return undefined;
      const output = r.stdout + r.stderr;
      return `Exec lifecycle hook ([${cmd.join(' ')}]) for Container "${container.name}"${inPod} failed - error: command '${cmd.join(' ')}' exited with ${r.exitCode}: ${r.stderr}, message: ${JSON.stringify(output)}`;
    } catch (err) {
      return `Exec lifecycle hook ([${cmd.join(' ')}]) for Container "${container.name}"${inPod} failed - error: ${(err as Error).message}, message: ""`;
    }
  }
  if (handler.httpGet) {
    const g = handler.httpGet;
    const path = g.path || '/';
    try {
      const sandboxes = runtime.listContainers({ id: containerID });
      const net = sandboxes[0] ? runtime.sandboxNetNamespace(sandboxes[0].podSandboxId) : undefined;
      if (!net) throw new Error('pod network namespace not found');
      const port = resolvePort(g.port, container);
      const res = await httpRequest(net.stack, { address: g.host || podIP, port, target: path, timeoutMs: timeoutSeconds * 1000 });
      if (res.status >= 200 && res.status < 400) return undefined;
      return `HTTP lifecycle hook (${path}) for Container "${container.name}"${inPod} failed - error: HTTP lifecycle hook failed with statuscode: ${res.status}`;
    } catch (err) {
      return `HTTP lifecycle hook (${path}) for Container "${container.name}"${inPod} failed - error: ${(err as Error).message}`;
    }
  }
  if (handler.sleep) {
    await clock.sleep(Math.min(handler.sleep.seconds, timeoutSeconds) * 1000);
    return undefined;
  }
  return undefined;
}
