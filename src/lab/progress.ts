// Lab progress kept in the browser (localStorage): which labs are done and when.

export const PROGRESS_KEY = 'kubelab:progress';

export interface ProgressEntry {
  done: boolean;
  at: string;
}
export type Progress = Record<string, ProgressEntry>;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** readProgress returns the saved progress; damaged data reads as none. */
export function readProgress(storage: StorageLike): Progress {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(PROGRESS_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Progress) : {};
  } catch {
    return {};
  }
}

/** markDone records a lab as done (or not) at the given time. */
export function markDone(storage: StorageLike, labId: string, done: boolean, at: Date): Progress {
  const progress = readProgress(storage);
  if (done) progress[labId] = { done: true, at: at.toISOString() };
  else delete progress[labId];
  storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
  return progress;
}

/** resetProgress forgets every lab. */
export function resetProgress(storage: StorageLike): void {
  storage.removeItem(PROGRESS_KEY);
}
