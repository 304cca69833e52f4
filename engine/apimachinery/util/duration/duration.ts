// Mirrors k8s.io/apimachinery/pkg/util/duration/duration.go: the short ages kubectl prints ("5s",
// "3m2s", "2d3h", "5y"). Durations are milliseconds instead of Go's time.Duration.

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

const trunc = (ms: number, unit: number) => Math.trunc(ms / unit);

/** shortHumanDuration prints one unit: "45s", "10m", "3h", "12d", "2y". */
export function shortHumanDuration(ms: number): string {
  const seconds = trunc(ms, second);
  // A deviation of up to 2 s (clock skew between machines) counts as "now".
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = trunc(ms, minute);
  if (minutes < 60) return `${minutes}m`;
  const hours = trunc(ms, hour);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${trunc(hours, 24)}d`;
  return `${Math.trunc(ms / hour / 24 / 365)}y`;
}

/** humanDuration prints ~2-3 significant figures as kubectl's AGE column: "3m2s", "3h5m", "2d3h". */
export function humanDuration(ms: number): string {
  const seconds = trunc(ms, second);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = trunc(ms, minute);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = trunc(ms, hour);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${trunc(hours, 24)}d` : `${trunc(hours, 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${trunc(hours, 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = trunc(hours, 24) % 365;
    return dy === 0 ? `${trunc(hours, 24 * 365)}y` : `${trunc(hours, 24 * 365)}y${dy}d`;
  }
  return `${trunc(hours, 24 * 365)}y`;
}
