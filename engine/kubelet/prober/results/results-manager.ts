// Mirrors pkg/kubelet/prober/results/results_manager.go: the latest probe result per container ID,
// and a callback for every change (the kubelet's livenessManager/readinessManager update channels).

export type Result = 'Success' | 'Failure' | 'Unknown';

export interface Update {
  containerID: string;
  result: Result;
  podUID: string;
}

export class ResultsManager {
  private readonly cache = new Map<string, Result>();
  private readonly listeners: ((u: Update) => void)[] = [];

  get(containerID: string): Result | undefined {
    return this.cache.get(containerID);
  }

  /** set records a result; listeners hear only changes. */
  set(containerID: string, result: Result, podUID: string): void {
    if (this.cache.get(containerID) === result) return;
    this.cache.set(containerID, result);
    for (const l of this.listeners) l({ containerID, result, podUID });
  }

  remove(containerID: string): void {
    this.cache.delete(containerID);
  }

  onUpdate(listener: (u: Update) => void): void {
    this.listeners.push(listener);
  }
}
