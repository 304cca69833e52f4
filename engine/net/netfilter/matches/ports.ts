// Mirrors libxtables' xtables_parse_port / xtables_parse_multi_ports: numbers, ranges "a:b" and a
// few /etc/services names.
import { parameterProblem } from '../types.js';

const SERVICES: Record<string, number> = { ssh: 22, domain: 53, http: 80, https: 443, 'http-alt': 8080 };

export interface PortRange {
  min: number;
  max: number;
}

export function parsePort(s: string, proto: string): number {
  const n = /^\d+$/.test(s) ? Number(s) : SERVICES[s];
  if (n === undefined || n > 65535) throw parameterProblem(`invalid port/service \`${s}' specified`);
  void proto;
  return n;
}

export function parsePortRange(s: string, proto: string): PortRange {
  const [a, b] = s.split(':') as [string, string | undefined];
  const min = a === '' ? 0 : parsePort(a, proto);
  const max = b === undefined ? min : b === '' ? 65535 : parsePort(b, proto);
  if (min > max) throw parameterProblem(`invalid portrange (min > max)`);
  return { min, max };
}

export function formatRange(r: PortRange): string {
  return r.min === r.max ? `${r.min}` : `${r.min}:${r.max}`;
}

export function inRange(r: PortRange, port: number): boolean {
  return port >= r.min && port <= r.max;
}
