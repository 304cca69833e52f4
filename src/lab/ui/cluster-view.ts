// <ClusterView> on the page: the machines (master and nodes with their IPs and pod CIDRs), the pods
// on each node coloured by status, and the services with their addresses and endpoints — redrawn
// from the worker's snapshots. A table view shows the same facts as kubectl-like tables for
// keyboard and screen-reader users; a status line sums them up politely when the counts change.
import type { ClusterSnapshot, Health, MachineView, PodView, ServiceView } from '../cluster-view/snapshot.js';

type Strings = Record<string, string>;

/** HEALTH_MARK gives every colour a shape too, so status never depends on colour alone. */
const HEALTH_MARK: Record<Health, string> = { ok: '●', progress: '◐', error: '✕', done: '✓', terminating: '◌' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string; attrs?: Record<string, string> } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.text !== undefined) e.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** portsText prints a service's ports as kubectl's PORT(S) column does (80:30001/TCP). */
export function portsText(svc: ServiceView): string {
  return svc.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(',') || '<none>';
}

/** summary counts what the status line says. */
export function summary(s: ClusterSnapshot, t: Strings): string {
  const nodes = s.machines.filter((m) => m.role === 'node');
  const pods = [...nodes.flatMap((n) => n.pods), ...s.pending];
  const fill = (key: string, values: Record<string, number>) => (t[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
  return fill('view.summary', {
    ready: nodes.filter((n) => n.status.startsWith('Ready')).length,
    nodes: nodes.length,
    running: pods.filter((p) => p.health === 'ok').length,
    pods: pods.length,
    services: s.services.length,
  });
}

export class ClusterView {
  private readonly picture: HTMLElement;
  private readonly tables: HTMLElement;
  private readonly status: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private lastSummary = '';

  constructor(private readonly host: HTMLElement, private readonly t: Strings) {
    this.toggle = el('button', { className: 'kl-button', text: t['view.tableView'] ?? 'Table view', attrs: { type: 'button', 'aria-pressed': 'false' } });
    this.toggle.addEventListener('click', () => this.setTableView(this.toggle.getAttribute('aria-pressed') !== 'true'));
    this.status = el('p', { className: 'kl-view-status', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.picture = el('div', { className: 'kl-view-picture' });
    this.tables = el('div', { className: 'kl-view-tables' });
    this.tables.hidden = true;
    const header = el('div', { className: 'kl-view-header' }, el('h3', { className: 'kl-view-title', text: t['view.title'] ?? 'Cluster' }), this.toggle);
    host.replaceChildren(header, this.status, this.picture, this.tables);
  }

  setTableView(on: boolean): void {
    this.toggle.setAttribute('aria-pressed', String(on));
    this.picture.hidden = on;
    this.tables.hidden = !on;
  }

  /** update redraws both views from a snapshot. */
  update(s: ClusterSnapshot): void {
    this.host.hidden = false;
    const line = summary(s, this.t);
    if (line !== this.lastSummary) this.status.textContent = this.lastSummary = line;
    const machines = s.machines.map((m) => this.machineCard(m));
    if (s.pending.length) machines.push(this.machineCard({ name: this.t['view.pending'] ?? 'Not scheduled', role: 'node', status: '', health: 'progress', pods: s.pending }, true));
    this.picture.replaceChildren(
      el('div', { className: 'kl-view-machines' }, ...machines),
      el('h4', { className: 'kl-view-subtitle', text: this.t['view.services'] ?? 'Services' }),
      el('ul', { className: 'kl-view-services' }, ...s.services.map((svc) => this.serviceCard(svc))),
    );
    this.tables.replaceChildren(...this.renderTables(s));
  }

  clear(): void {
    this.host.hidden = true;
    this.picture.replaceChildren();
    this.tables.replaceChildren();
    this.status.textContent = this.lastSummary = '';
  }

  private machineCard(m: MachineView, pending = false): HTMLElement {
    const facts = [m.ip, m.podCIDR && `${this.t['view.podCIDR'] ?? 'pods'} ${m.podCIDR}`].filter(Boolean).join(' · ');
    const label = [m.name, m.role === 'master' ? 'master' : '', m.ip, m.podCIDR, m.status].filter(Boolean).join(', ');
    return el(
      'section',
      { className: `kl-machine kl-${m.role}${pending ? ' kl-pending' : ''}`, attrs: { 'aria-label': label, 'data-machine': m.name, 'data-health': m.health } },
      el('header', {},
        el('strong', { text: m.name }),
        m.status ? el('span', { className: 'kl-badge', text: `${HEALTH_MARK[m.health]} ${m.status}`, attrs: { 'data-health': m.health } }) : '',
      ),
      facts ? el('p', { className: 'kl-machine-facts', text: facts }) : '',
      m.role === 'master'
        ? el('p', { className: 'kl-machine-facts', text: this.t['view.masterComponents'] ?? 'API server, controllers, scheduler, DNS' })
        : el('ul', { className: 'kl-pods', attrs: { 'aria-label': `${this.t['view.podsOn'] ?? 'Pods on'} ${m.name}` } }, ...m.pods.map((p) => this.podChip(p))),
    );
  }

  private podChip(p: PodView): HTMLElement {
    const ns = p.namespace === 'default' ? '' : `${p.namespace}/`;
    return el(
      'li',
      { className: 'kl-pod', attrs: { 'data-health': p.health, 'data-pod': `${p.namespace}/${p.name}`, title: `${ns}${p.name} ${p.ready} ${p.status}${p.ip ? ` ${p.ip}` : ''}` } },
      el('span', { className: 'kl-pod-name', text: `${HEALTH_MARK[p.health]} ${ns}${p.name}` }),
      el('span', { className: 'kl-pod-facts', text: [p.status, p.ip].filter(Boolean).join(' · ') }),
    );
  }

  private serviceCard(svc: ServiceView): HTMLElement {
    const ns = svc.namespace === 'default' ? '' : `${svc.namespace}/`;
    return el(
      'li',
      { className: 'kl-service', attrs: { 'data-service': `${svc.namespace}/${svc.name}` } },
      el('strong', { text: `${ns}${svc.name}` }),
      el('span', { className: 'kl-service-facts', text: ` ${svc.type} ${svc.clusterIP ?? ''} ${portsText(svc)}` }),
      el('span', { className: 'kl-service-endpoints', text: `→ ${svc.endpoints.join(', ') || (this.t['view.noEndpoints'] ?? 'no endpoints')}` }),
    );
  }

  private renderTables(s: ClusterSnapshot): HTMLElement[] {
    const table = (caption: string, head: string[], rows: string[][]) =>
      el('table', { className: 'kl-view-table' },
        el('caption', { text: caption }),
        el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { text: h, attrs: { scope: 'col' } })))),
        el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c, i) => (i === 0 ? el('th', { text: c, attrs: { scope: 'row' } }) : el('td', { text: c })))))),
      );
    const nodes = s.machines.map((m) => [m.name, m.role, m.status, m.ip ?? '', m.podCIDR ?? '']);
    const pods = [...s.machines.flatMap((m) => m.pods), ...s.pending].map((p) => [`${p.namespace}/${p.name}`, p.ready, p.status, p.ip ?? '<none>', p.node ?? '<none>']);
    const services = s.services.map((v) => [`${v.namespace}/${v.name}`, v.type, v.clusterIP ?? '', portsText(v), v.endpoints.join(', ') || '<none>']);
    return [
      table(this.t['view.machines'] ?? 'Machines', ['NAME', 'ROLE', 'STATUS', 'IP', 'POD CIDR'], nodes),
      table(this.t['view.pods'] ?? 'Pods', ['NAME', 'READY', 'STATUS', 'IP', 'NODE'], pods),
      table(this.t['view.services'] ?? 'Services', ['NAME', 'TYPE', 'CLUSTER-IP', 'PORT(S)', 'ENDPOINTS'], services),
    ];
  }
}
