// Messages between the page and the lab worker. Requests carry an id; the worker answers each with
// `result` (or `error`) and streams command output as `output` messages with the same id. A `run`
// answers its exit code, or 'more' when the line is unfinished (open quote, heredoc, trailing |).
// `watch-cluster` streams `view` messages until `unwatch-cluster` (or the worker ends); `fetch` sends
// a preview's HTTP request into the lab's network; `grade` runs the lab's checks and streams each
// result as a `check` message before answering the report. A command that puts the terminal in raw
// mode (kubectl exec -it) says so with `tty` messages on its run's id; meanwhile the page sends
// every keystroke as `stdin` for that run.
import type { ClusterSnapshot } from '../../cluster-view/snapshot.js';
import type { CheckResult, GradeReport, Locale } from '../../../../engine/grader/index.js';
import type { BootProgress, BootResult, LabClusterOptions, PreviewRequest, PreviewResponse } from '../types.js';

export type Request =
  | { id: number; type: 'boot'; labId: string; files: Record<string, string>; cluster?: LabClusterOptions }
  | { id: number; type: 'run'; line: string }
  | { id: number; type: 'interrupt'; target: number }
  | { id: number; type: 'stdin'; target: number; data: string }
  | { id: number; type: 'write-file'; path: string; text: string }
  | { id: number; type: 'read-file'; path: string }
  | { id: number; type: 'list-files' }
  | { id: number; type: 'reset' }
  | { id: number; type: 'watch-cluster' }
  | { id: number; type: 'unwatch-cluster'; target: number }
  | { id: number; type: 'fetch'; request: PreviewRequest }
  | { id: number; type: 'grade'; locale: Locale };

export type Reply =
  | { id: number; type: 'progress'; progress: BootProgress }
  | { id: number; type: 'output'; stream: 'stdout' | 'stderr'; data: string }
  | { id: number; type: 'tty'; raw: boolean }
  | { id: number; type: 'view'; snapshot: ClusterSnapshot }
  | { id: number; type: 'check'; result: CheckResult }
  | { id: number; type: 'result'; value: BootResult | PreviewResponse | GradeReport | number | string | string[] | null }
  | { id: number; type: 'error'; message: string };

/** RequestBody is a request before the sender numbers it. */
export type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
