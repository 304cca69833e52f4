// Chooses the lab runtime for this page and says why. WebContainers need a cross-origin isolated
// page, must not auto-boot on iOS, and hang without error when StackBlitz's servers are out of
// reach — so their boot is raced against a timeout and the Worker runtime takes over.
import type { Clock } from '../../../engine/util/clock.js';
import type { BootProgress, BootResult, LabRuntime, RuntimeKind } from './types.js';

/** Reason says why a runtime runs; the page translates it for the learner. */
export type Reason =
  | 'webcontainer' // isolated page, WebContainer booted
  | 'requested' // ?runtime= in the address asked for it
  | 'not-isolated' // no COOP/COEP headers, so no SharedArrayBuffer
  | 'ios' // iOS and iPadOS do not boot WebContainers reliably
  | 'no-engine-bundle' // the engine is not yet packaged for WebContainers
  | 'webcontainer-timeout' // boot() did not answer in time
  | 'webcontainer-failed'; // boot() threw

export interface Environment {
  crossOriginIsolated: boolean;
  userAgent: string;
  platform?: string;
  maxTouchPoints?: number;
  /** requested is the runtime the address asks for (`?runtime=worker|webcontainer`). */
  requested?: string | null;
  /** webContainerEngine says whether a WebContainer engine bundle is published with the site. */
  webContainerEngine: boolean;
}

export interface Choice {
  kind: RuntimeKind;
  reason: Reason;
}

/** isIOS detects iPhone/iPad, including iPadOS that reports itself as a Mac with touch. */
export function isIOS(env: Pick<Environment, 'userAgent' | 'platform' | 'maxTouchPoints'>): boolean {
  if (/iPad|iPhone|iPod/.test(env.userAgent)) return true;
  return env.platform === 'MacIntel' && (env.maxTouchPoints ?? 0) > 1;
}

/** chooseRuntime picks the runtime to try first. */
export function chooseRuntime(env: Environment): Choice {
  if (env.requested === 'worker') return { kind: 'worker', reason: 'requested' };
  if (!env.crossOriginIsolated) return { kind: 'worker', reason: 'not-isolated' };
  if (env.requested === 'webcontainer') return { kind: 'webcontainer', reason: 'requested' };
  if (isIOS(env)) return { kind: 'worker', reason: 'ios' };
  if (!env.webContainerEngine) return { kind: 'worker', reason: 'no-engine-bundle' };
  return { kind: 'webcontainer', reason: 'webcontainer' };
}

export class TimeoutError extends Error {}

/** withTimeout settles with the promise, or rejects with TimeoutError after ms of the clock's time. */
export function withTimeout<T>(promise: Promise<T>, ms: number, clock: Clock): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimer(ms, () => reject(new TimeoutError(`no answer in ${ms} ms`)));
    promise.then(
      (v) => (timer.stop(), resolve(v)),
      (e: unknown) => (timer.stop(), reject(e)),
    );
  });
}

export interface Started {
  runtime: LabRuntime;
  result: BootResult;
  choice: Choice;
  /** fallbackFrom is set when the first choice failed and the Worker runtime took over. */
  fallbackFrom?: { kind: RuntimeKind; error: string };
}

export interface StartOptions {
  env: Environment;
  clock: Clock;
  timeoutMs: number;
  create: Record<RuntimeKind, () => LabRuntime>;
  onProgress(p: BootProgress): void;
  /** onChoice is told the runtime being tried, before its boot starts. */
  onChoice?(choice: Choice): void;
}

/** startRuntime boots the chosen runtime and falls back to the Worker runtime when it fails. */
export async function startRuntime(o: StartOptions): Promise<Started> {
  const choice = chooseRuntime(o.env);
  o.onChoice?.(choice);
  const runtime = o.create[choice.kind]();
  if (choice.kind === 'worker') return { runtime, choice, result: await runtime.boot(o.onProgress) };
  try {
    const result = await withTimeout(runtime.boot(o.onProgress), o.timeoutMs, o.clock);
    return { runtime, choice, result };
  } catch (err) {
    runtime.dispose();
    const fallback: Choice = { kind: 'worker', reason: err instanceof TimeoutError ? 'webcontainer-timeout' : 'webcontainer-failed' };
    o.onChoice?.(fallback);
    const worker = o.create.worker();
    const result = await worker.boot(o.onProgress);
    return { runtime: worker, choice: fallback, result, fallbackFrom: { kind: choice.kind, error: err instanceof Error ? err.message : String(err) } };
  }
}
