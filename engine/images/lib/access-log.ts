// Access log lines in the formats web servers print: nginx's docker image `main` format (combined
// plus X-Forwarded-For) and Apache's combined format.
import type { HttpRequest } from './http.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** timeLocal formats a time as [$time_local]: 01/Jan/2026:00:00:00 +0000. */
export function timeLocal(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** combinedLog is `$remote_addr - - [$time_local] "$request" $status $bytes "$referer" "$user_agent"`. */
export function combinedLog(req: HttpRequest, status: number, bytes: number, now: number, forwardedFor = false): string {
  const line = `${req.remoteAddress} - - [${timeLocal(now)}] "${req.method} ${req.target} ${req.version}" ${status} ${bytes} "${req.headers.referer ?? '-'}" "${req.headers['user-agent'] ?? '-'}"`;
  return forwardedFor ? `${line} "${req.headers['x-forwarded-for'] ?? '-'}"\n` : `${line}\n`;
}
