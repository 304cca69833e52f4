// Mirrors kubernetes/pkg/kubectl/rolling_updater.go (1.x) RollingUpdater.Update: creates the next
// controller at 0 replicas, then scales it up and the old one down one step at a time (maxSurge 1,
// maxUnavailable 0), waiting for each scale to take and for the new pods to be ready, then
// deletes (or renames over) the old controller. Readiness is read from the new controller's
// status.readyReplicas instead of listing its pods.
import { isNotFound } from '../../apimachinery/api/errors/errors.js';
import type { Clock } from '../../util/clock.js';
import type { RESTClient } from '../rest/client.js';
import {
  desiredReplicasAnnotation, originalReplicasAnnotation, rcPath, replicasOf, sourceIdAnnotation, updateRcWithRetries, type RC,
} from './controllers.js';

export type CleanupPolicy = 'Delete' | 'Rename' | 'Preserve';

export interface RollingUpdaterConfig {
  out: (s: string) => void;
  oldRc: RC;
  newRc: RC;
  /** updatePeriod is the wait between scaling up and scaling down (--update-period). */
  updatePeriod: number;
  /** interval is how often scaling is polled (--poll-interval). */
  interval: number;
  /** timeout bounds each wait and the time without progress (--timeout). */
  timeout: number;
  cleanupPolicy: CleanupPolicy;
  maxSurge: number;
  maxUnavailable: number;
}

export class TimeoutError extends Error {
  constructor(message = 'timed out waiting for the condition') {
    super(message);
  }
}

export class RollingUpdater {
  constructor(private readonly client: RESTClient, private readonly ns: string, private readonly clock: Clock) {}

  async update(config: RollingUpdaterConfig): Promise<void> {
    const out = config.out;
    let oldRc = config.oldRc;
    const sourceId = `${oldRc.metadata.name}:${oldRc.metadata.uid ?? ''}`;
    const { rc: created, existed } = await this.getOrCreateTargetController(config.newRc, sourceId);
    let newRc = created;
    out(existed ? `Continuing update with existing controller ${newRc.metadata.name}.\n` : `Created ${newRc.metadata.name}\n`);
    const desiredText = newRc.metadata.annotations?.[desiredReplicasAnnotation] ?? '';
    if (!/^-?\d+$/.test(desiredText))
      throw new Error(`Unable to parse annotation for ${newRc.metadata.name}: ${desiredReplicasAnnotation}=${desiredText}`);
    const desired = Number(desiredText);
    if (!(originalReplicasAnnotation in (oldRc.metadata.annotations ?? {}))) {
      const existing = await this.client.get<RC>(rcPath(this.ns, oldRc.metadata.name));
      const original = String(replicasOf(existing));
      oldRc = await updateRcWithRetries(this.client, this.ns, existing, (rc) => {
        rc.metadata.annotations = { ...rc.metadata.annotations, [originalReplicasAnnotation]: original };
      });
    }
    // ResolveFenceposts: both zero would never move, so one pod may be unavailable.
    const maxSurge = config.maxSurge;
    let maxUnavailable = config.maxUnavailable;
    if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
    let minAvailable = Math.max(0, desired - maxUnavailable);
    if (desired === 0) {
      maxUnavailable = replicasOf(oldRc);
      minAvailable = 0;
    }
    out(
      `Scaling up ${newRc.metadata.name} from ${replicasOf(newRc)} to ${desired}, scaling down ${oldRc.metadata.name} from ${replicasOf(oldRc)} to 0 (keep ${minAvailable} pods available, don't exceed ${desired + maxSurge} pods)\n`,
    );
    let progressDeadline = this.clock.now() + config.timeout;
    while (replicasOf(newRc) !== desired || replicasOf(oldRc) !== 0) {
      const newReplicas = replicasOf(newRc);
      const oldReplicas = replicasOf(oldRc);
      newRc = await this.scaleUp(newRc, oldRc, desired, maxSurge, config);
      await this.clock.sleep(config.updatePeriod);
      oldRc = await this.scaleDown(newRc, oldRc, desired, minAvailable, config);
      if (replicasOf(newRc) !== newReplicas || replicasOf(oldRc) !== oldReplicas) progressDeadline = this.clock.now() + config.timeout;
      else if (this.clock.now() > progressDeadline) throw new Error('timed out waiting for any update progress to be made');
    }
    await this.cleanup(oldRc, newRc, config);
  }

  private async getOrCreateTargetController(controller: RC, sourceId: string): Promise<{ rc: RC; existed: boolean }> {
    try {
      const existing = await this.client.get<RC>(rcPath(this.ns, controller.metadata.name));
      const ann = existing.metadata.annotations ?? {};
      if (ann[sourceIdAnnotation] !== sourceId || !(desiredReplicasAnnotation in ann))
        throw new Error(`Missing/unexpected annotations for controller ${controller.metadata.name}, expected ${sourceId} : map[${Object.keys(ann).sort().map((k) => `${k}:${ann[k]}`).join(' ')}]`);
      return { rc: existing, existed: true };
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    const replicas = replicasOf(controller);
    if (replicas <= 0) throw new Error(`Invalid controller spec for ${controller.metadata.name}; required: > 0 replicas, actual: ${replicas}\n`);
    const rc = structuredClone(controller);
    rc.metadata.annotations = { ...rc.metadata.annotations, [desiredReplicasAnnotation]: String(replicas), [sourceIdAnnotation]: sourceId };
    rc.spec.replicas = 0;
    const createdRc = await this.client.do<RC>('POST', rcPath(this.ns), { body: rc });
    return { rc: createdRc, existed: false };
  }

  private async scaleUp(newRc: RC, oldRc: RC, desired: number, maxSurge: number, config: RollingUpdaterConfig): Promise<RC> {
    if (replicasOf(newRc) === desired) return newRc;
    let increment = desired + maxSurge - (replicasOf(oldRc) + replicasOf(newRc));
    // With the old one gone, go all the way up.
    if (replicasOf(oldRc) === 0) increment = desired - replicasOf(newRc);
    if (increment <= 0) return newRc;
    const target = Math.min(desired, replicasOf(newRc) + increment);
    config.out(`Scaling ${newRc.metadata.name} up to ${target}\n`);
    return this.scaleAndWait(newRc, target, config);
  }

  private async scaleDown(newRc: RC, oldRc: RC, desired: number, minAvailable: number, config: RollingUpdaterConfig): Promise<RC> {
    if (replicasOf(oldRc) === 0) return oldRc;
    const newAvailable = await this.readyReplicas(newRc);
    // The old controller counts toward availability, so a flaky old one never drops us below the minimum.
    const allPods = replicasOf(oldRc) + replicasOf(newRc);
    const newUnavailable = replicasOf(newRc) - newAvailable;
    const decrement = allPods - minAvailable - newUnavailable;
    if (decrement <= 0) return oldRc;
    let target = Math.max(0, replicasOf(oldRc) - decrement);
    if (replicasOf(newRc) === desired && newAvailable === desired) target = 0;
    config.out(`Scaling ${oldRc.metadata.name} down to ${target}\n`);
    return this.scaleAndWait(oldRc, target, config);
  }

  private async readyReplicas(rc: RC): Promise<number> {
    const fresh = await this.client.get<RC>(rcPath(this.ns, rc.metadata.name));
    return fresh.status?.readyReplicas ?? 0;
  }

  /** scaleAndWait sets spec.replicas, then polls until the controller reports that many replicas. */
  private async scaleAndWait(rc: RC, replicas: number, config: RollingUpdaterConfig): Promise<RC> {
    const scaled = await updateRcWithRetries(this.client, this.ns, rc, (r) => void (r.spec.replicas = replicas));
    await this.poll(config.interval, config.timeout, async () => hasDesiredReplicas(await this.client.get<RC>(rcPath(this.ns, scaled.metadata.name)), scaled));
    return this.client.get<RC>(rcPath(this.ns, scaled.metadata.name));
  }

  /** poll is wait.Poll: wait interval, check, until done or timeout passes. */
  private async poll(interval: number, timeout: number, cond: () => Promise<boolean>): Promise<void> {
    const deadline = this.clock.now() + timeout;
    for (;;) {
      await this.clock.sleep(interval);
      if (await cond()) return;
      if (this.clock.now() >= deadline) throw new TimeoutError();
    }
  }

  private async cleanup(oldRc: RC, newRc: RC, config: RollingUpdaterConfig): Promise<void> {
    let rc = await this.client.get<RC>(rcPath(this.ns, newRc.metadata.name));
    rc = await updateRcWithRetries(this.client, this.ns, rc, (r) => {
      const ann = { ...r.metadata.annotations };
      delete ann[sourceIdAnnotation];
      delete ann[desiredReplicasAnnotation];
      r.metadata.annotations = ann;
    });
    await this.poll(config.interval, config.timeout, async () => hasDesiredReplicas(await this.client.get<RC>(rcPath(this.ns, rc.metadata.name)), rc));
    rc = await this.client.get<RC>(rcPath(this.ns, rc.metadata.name));
    const oldName = oldRc.metadata.name!;
    switch (config.cleanupPolicy) {
      case 'Delete':
        config.out(`Update succeeded. Deleting ${oldName}\n`);
        await this.client.do('DELETE', rcPath(this.ns, oldName));
        return;
      case 'Rename':
        config.out(`Update succeeded. Deleting old controller: ${oldName}\n`);
        await this.client.do('DELETE', rcPath(this.ns, oldName));
        config.out(`Renaming ${rc.metadata.name} to ${oldName}\n`);
        await rename(this.client, this.clock, rc, oldName);
        return;
      default:
        return;
    }
  }
}

/** hasDesiredReplicas is ControllerHasDesiredReplicas: the controller saw this generation and scaled to it. */
function hasDesiredReplicas(live: RC, wanted: RC): boolean {
  const generation = wanted.metadata.generation ?? 0;
  return (live.status?.observedGeneration ?? 0) >= generation && (live.status?.replicas ?? 0) === replicasOf(wanted);
}

/** rename deletes rc (orphaning its pods), waits for it to go, and creates it again as newName. */
export async function rename(client: RESTClient, clock: Clock, rc: RC, newName: string): Promise<void> {
  const oldName = rc.metadata.name!;
  const ns = rc.metadata.namespace ?? 'default';
  try {
    await client.do('DELETE', rcPath(ns, oldName), { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Orphan' } });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const deadline = clock.now() + 60_000;
  for (;;) {
    await clock.sleep(5_000);
    try {
      await client.get(rcPath(ns, oldName));
    } catch (err) {
      if (isNotFound(err)) break;
      throw err;
    }
    if (clock.now() >= deadline) throw new TimeoutError();
  }
  const copy = structuredClone(rc);
  copy.metadata = { ...copy.metadata, name: newName };
  for (const k of ['resourceVersion', 'uid', 'creationTimestamp', 'generation', 'managedFields', 'selfLink'] as const) delete (copy.metadata as Record<string, unknown>)[k];
  delete copy.status;
  await client.do('POST', rcPath(ns), { body: copy });
}

/** abortRollingUpdate swaps the controllers so Update scales back to the original size. */
export function abortRollingUpdate(c: RollingUpdaterConfig): void {
  const tmp = c.oldRc;
  c.oldRc = c.newRc;
  c.newRc = tmp;
  c.newRc.metadata.annotations = { ...c.newRc.metadata.annotations, [sourceIdAnnotation]: `${c.oldRc.metadata.name}:${c.oldRc.metadata.uid ?? ''}` };
  const originalSize = tmp.metadata.annotations?.[originalReplicasAnnotation];
  if (originalSize === undefined) throw new Error(`couldn't find original replica count of "${tmp.metadata.name}"`);
  c.out(`Setting "${c.newRc.metadata.name}" replicas to ${originalSize}\n`);
  c.newRc.metadata.annotations[desiredReplicasAnnotation] = originalSize;
  c.cleanupPolicy = 'Delete';
}
