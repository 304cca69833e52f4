// A small in-memory Kubernetes API server for kubectl's tests: discovery, CRUD, label and field
// selectors, Tables, merge/JSON patches, the scale subresource and finite watch streams. It is a
// stand-in until the engine's API server can be used here; it answers like the real one.
import type { Clock } from '../../engine/util/clock.js';
import type { Transport } from '../../engine/client/transport.js';
import type { KubeObject, Table, TableColumnDefinition } from '../../engine/apimachinery/apis/meta/v1/types.js';
import { newAlreadyExists, newNotFound, newBadRequest, statusOf, newConflict, optimisticLockErrorMsg } from '../../engine/apimachinery/api/errors/errors.js';

interface Res {
  group: string;
  version: string;
  name: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  scale?: boolean;
  columns?: Array<[string, (o: KubeObject) => unknown, number?]>;
}

const age = (clock: Clock) => (o: KubeObject) => shortHumanDuration(clock.now() - Date.parse(o.metadata.creationTimestamp ?? ''));

export function shortHumanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 0 || isNaN(s)) return '<invalid>';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

type Any = Record<string, any>;

function resources(): Res[] {
  return [
    { group: '', version: 'v1', name: 'pods', singularName: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'],
      columns: [['Ready', (o: Any) => `${(o.status?.containerStatuses ?? []).filter((c: Any) => c.ready).length}/${o.spec?.containers?.length ?? 0}`],
        ['Status', (o: Any) => o.status?.phase ?? 'Pending'], ['Restarts', () => 0], ['IP', (o: Any) => o.status?.podIP ?? '<none>', 1], ['Node', (o: Any) => o.spec?.nodeName ?? '<none>', 1]] },
    { group: '', version: 'v1', name: 'services', singularName: 'service', kind: 'Service', namespaced: true, shortNames: ['svc'], categories: ['all'],
      columns: [['Type', (o: Any) => o.spec?.type ?? 'ClusterIP'], ['Cluster-IP', (o: Any) => o.spec?.clusterIP ?? '<none>'], ['External-IP', () => '<none>'],
        ['Port(s)', (o: Any) => (o.spec?.ports ?? []).map((p: Any) => `${p.port}${p.nodePort ? ':' + p.nodePort : ''}/${p.protocol ?? 'TCP'}`).join(',') || '<none>']] },
    { group: '', version: 'v1', name: 'replicationcontrollers', singularName: 'replicationcontroller', kind: 'ReplicationController', namespaced: true, shortNames: ['rc'], categories: ['all'], scale: true,
      columns: [['Desired', (o: Any) => o.spec?.replicas ?? 1], ['Current', (o: Any) => o.status?.replicas ?? 0], ['Ready', (o: Any) => o.status?.readyReplicas ?? 0]] },
    { group: '', version: 'v1', name: 'namespaces', singularName: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'], columns: [['Status', () => 'Active']] },
    { group: '', version: 'v1', name: 'nodes', singularName: 'node', kind: 'Node', namespaced: false, shortNames: ['no'], columns: [['Status', () => 'Ready'], ['Roles', () => '<none>']] },
    { group: '', version: 'v1', name: 'configmaps', singularName: 'configmap', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'], columns: [['Data', (o: Any) => Object.keys(o.data ?? {}).length]] },
    { group: '', version: 'v1', name: 'events', singularName: 'event', kind: 'Event', namespaced: true, shortNames: ['ev'] },
    { group: 'apps', version: 'v1', name: 'deployments', singularName: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], categories: ['all'], scale: true,
      columns: [['Ready', (o: Any) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`], ['Up-to-date', (o: Any) => o.status?.updatedReplicas ?? 0], ['Available', (o: Any) => o.status?.availableReplicas ?? 0]] },
    { group: 'apps', version: 'v1', name: 'replicasets', singularName: 'replicaset', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], categories: ['all'], scale: true,
      columns: [['Desired', (o: Any) => o.spec?.replicas ?? 1], ['Current', (o: Any) => o.status?.replicas ?? 0], ['Ready', (o: Any) => o.status?.readyReplicas ?? 0]] },
  ];
}

export interface FakeServer {
  handler: Transport;
  objects: Map<string, KubeObject>;
  requests: Array<{ method: string; url: string; body?: string; contentType?: string }>;
  add(resource: string, obj: KubeObject): void;
}

export function createFakeAPIServer(clock: Clock): FakeServer {
  const res = resources();
  const objects = new Map<string, KubeObject>();
  const events: Array<{ rv: number; key: string; type: string; obj: KubeObject }> = [];
  const requests: FakeServer['requests'] = [];
  let rv = 1;
  let uid = 1;
  const keyOf = (r: Res, ns: string, name: string) => `${r.name}/${r.namespaced ? ns : ''}/${name}`;
  const gv = (r: Res) => (r.group ? `${r.group}/${r.version}` : r.version);

  const store = (r: Res, obj: KubeObject, type: string) => {
    obj.metadata.resourceVersion = String(++rv);
    objects.set(keyOf(r, obj.metadata.namespace ?? '', obj.metadata.name!), obj);
    events.push({ rv, key: r.name, type, obj: structuredClone(obj) });
  };
  const add = (resource: string, obj: KubeObject) => {
    const r = res.find((x) => x.name === resource)!;
    obj.apiVersion = gv(r);
    obj.kind = r.kind;
    if (r.namespaced) obj.metadata.namespace ??= 'default';
    obj.metadata.uid ??= `uid-${uid++}`;
    obj.metadata.creationTimestamp ??= new Date(clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
    store(r, obj, 'ADDED');
  };

  const toTable = (r: Res, objs: KubeObject[], listRV: string): Table => {
    const cols: TableColumnDefinition[] = [
      { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
      ...(r.columns ?? []).filter((c) => !c[2]).map(([name]) => ({ name, type: 'string', format: '', description: '', priority: 0 })),
      { name: 'Age', type: 'string', format: '', description: '', priority: 0 },
      ...(r.columns ?? []).filter((c) => c[2]).map(([name, , p]) => ({ name, type: 'string', format: '', description: '', priority: p ?? 0 })),
    ];
    return {
      kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: listRV }, columnDefinitions: cols,
      rows: objs.map((o) => ({
        cells: [o.metadata.name, ...(r.columns ?? []).filter((c) => !c[2]).map(([, f]) => f(o)), age(clock)(o), ...(r.columns ?? []).filter((c) => c[2]).map(([, f]) => f(o))],
        object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
      })),
    };
  };

  const matchLabels = (sel: string, labels: Record<string, string> = {}) =>
    sel.split(',').filter(Boolean).every((term) => {
      const set = /^\s*([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)\s*$/.exec(term);
      if (set) {
        const vals = set[3]!.split(/\s*,\s*/);
        return set[2] === 'in' ? vals.includes(labels[set[1]!]!) : !vals.includes(labels[set[1]!]!);
      }
      const m = /^\s*(!?)([\w./-]+)\s*(?:(==|=|!=)\s*([\w.-]*))?\s*$/.exec(term);
      if (!m) throw newBadRequest(`unable to parse requirement: ${term}`);
      if (!m[3]) return m[1] ? !(m[2]! in labels) : m[2]! in labels;
      return m[3] === '!=' ? labels[m[2]!] !== m[4] : labels[m[2]!] === m[4];
    });
  const fieldOf = (o: Any, path: string) => path.split('.').reduce((v: Any, k) => v?.[k], o);
  const matchFields = (sel: string, o: KubeObject) =>
    sel.split(',').filter(Boolean).every((term) => {
      const m = /^([\w.]+)(==|=|!=)(.*)$/.exec(term)!;
      const v = String(fieldOf(o, m[1]!) ?? '');
      return m[2] === '!=' ? v !== m[3] : v === m[3];
    });

  const json = (code: number, body: unknown) => new Response(JSON.stringify(body), { status: code, headers: { 'Content-Type': 'application/json' } });

  const handler: Transport = async (req) => {
    const url = new URL(req.url);
    const body = req.method === 'GET' || req.method === 'DELETE' ? await req.text().catch(() => '') : await req.text();
    requests.push({ method: req.method, url: url.pathname + url.search, ...(body ? { body } : {}), ...(req.headers.get('content-type') ? { contentType: req.headers.get('content-type')! } : {}) });
    try {
      const p = url.pathname;
      if (p === '/api') return json(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] });
      if (p === '/apis') return json(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }] });
      if (p === '/version') return json(200, { major: '1', minor: '32', gitVersion: 'v1.32.0-kubelab', gitCommit: '', gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'go1.23', compiler: 'gc', platform: 'linux/amd64' });
      const disc = /^\/(?:api\/v1|apis\/(\w+)\/(v\w+))$/.exec(p);
      if (disc) {
        const group = disc[1] ?? '';
        const list = res.filter((r) => r.group === group).flatMap((r) => [
          { name: r.name, singularName: r.singularName, namespaced: r.namespaced, kind: r.kind, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], ...(r.shortNames ? { shortNames: r.shortNames } : {}), ...(r.categories ? { categories: r.categories } : {}) },
          ...(r.scale ? [{ name: `${r.name}/scale`, singularName: '', namespaced: true, kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] }] : []),
        ]);
        return json(200, { kind: 'APIResourceList', groupVersion: group ? `${group}/v1` : 'v1', resources: list });
      }
      const m = /^\/(?:api\/v1|apis\/(\w+)\/v1)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(p);
      if (!m) return json(404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
      let [, group = '', ns = '', plural, name, sub] = m;
      // /api/v1/namespaces/x is the namespace object itself.
      if (!m[3] || (plural && !ns && p.startsWith('/api/v1/namespaces/') && !name)) { /* fallthrough */ }
      if (p.startsWith('/api/v1/namespaces/') && p.split('/').length === 5) { plural = 'namespaces'; name = p.split('/')[4]; ns = ''; }
      const r = res.find((x) => x.name === plural && x.group === group);
      if (!r) return json(404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
      const gr = { group: r.group, resource: r.name };
      const wantTable = (req.headers.get('accept') ?? '').includes('as=Table');
      const q = url.searchParams;
      const get = () => {
        const o = objects.get(keyOf(r, ns, name!));
        if (!o) throw newNotFound(gr, name!);
        return o;
      };
      if (req.method === 'GET' && !name) {
        let items = [...objects.entries()].filter(([k]) => k.startsWith(`${r.name}/${r.namespaced && ns ? ns : ''}`)).map(([, o]) => o);
        if (r.namespaced && ns) items = items.filter((o) => o.metadata.namespace === ns);
        if (q.get('labelSelector')) items = items.filter((o) => matchLabels(q.get('labelSelector')!, o.metadata.labels));
        if (q.get('fieldSelector')) items = items.filter((o) => matchFields(q.get('fieldSelector')!, o));
        items.sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
        if (q.get('watch') === 'true') {
          const from = Number(q.get('resourceVersion') ?? 0);
          const lines = events.filter((e) => e.key === r.name && e.rv > from && (!ns || e.obj.metadata.namespace === ns))
            .filter((e) => !q.get('fieldSelector') || matchFields(q.get('fieldSelector')!, e.obj))
            .map((e) => JSON.stringify({ type: e.type, object: wantTable ? toTable(r, [e.obj], String(e.rv)) : e.obj }) + '\n');
          return new Response(lines.join(''), { status: 200 });
        }
        if (wantTable) return json(200, toTable(r, items, String(rv)));
        return json(200, { kind: `${r.kind}List`, apiVersion: gv(r), metadata: { resourceVersion: String(rv) }, items: items.map((o) => { const { apiVersion: _a, kind: _k, ...rest } = o; return rest; }) });
      }
      if (req.method === 'GET' && sub === 'scale') {
        const o = get() as Any;
        return json(200, { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name, namespace: ns, resourceVersion: o.metadata.resourceVersion }, spec: { replicas: o.spec?.replicas ?? 1 }, status: { replicas: o.status?.replicas ?? 0 } });
      }
      if (req.method === 'GET') return json(200, wantTable ? toTable(r, [get()], String(rv)) : get());
      if (req.method === 'POST') {
        const obj = JSON.parse(body) as KubeObject;
        if (r.namespaced) obj.metadata.namespace = ns;
        if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = obj.metadata.generateName + 'abcde';
        if (objects.has(keyOf(r, ns, obj.metadata.name!))) throw newAlreadyExists(gr, obj.metadata.name!);
        if (q.get('dryRun') !== 'All') add(r.name, obj);
        return json(201, obj);
      }
      if (req.method === 'PUT') {
        const old = get() as Any;
        const obj = JSON.parse(body) as Any;
        if (sub === 'scale') {
          old.spec = { ...old.spec, replicas: obj.spec.replicas };
          store(r, old as KubeObject, 'MODIFIED');
          return json(200, { ...obj, spec: { replicas: obj.spec.replicas } });
        }
        if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== old.metadata.resourceVersion) throw newConflict(gr, name!, optimisticLockErrorMsg);
        obj.metadata = { ...obj.metadata, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp, namespace: old.metadata.namespace };
        obj.apiVersion = gv(r);
        obj.kind = r.kind;
        store(r, obj as KubeObject, 'MODIFIED');
        return json(200, obj);
      }
      if (req.method === 'PATCH') {
        const old = get() as Any;
        const ct = req.headers.get('content-type') ?? '';
        let patched: Any;
        if (sub === 'scale') {
          const pt = JSON.parse(body);
          old.spec = { ...old.spec, replicas: pt.spec.replicas };
          store(r, old as KubeObject, 'MODIFIED');
          return json(200, { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name }, spec: { replicas: pt.spec.replicas } });
        }
        if (ct.includes('json-patch')) patched = applyJSONPatch(structuredClone(old), JSON.parse(body));
        else patched = mergePatch(structuredClone(old), JSON.parse(body), ct.includes('strategic'));
        store(r, patched as KubeObject, 'MODIFIED');
        return json(200, patched);
      }
      if (req.method === 'DELETE') {
        const o = get();
        objects.delete(keyOf(r, ns, name!));
        events.push({ rv: ++rv, key: r.name, type: 'DELETED', obj: o });
        if (r.name === 'pods') return json(200, o);
        return json(200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group: r.group, kind: r.name, uid: o.metadata.uid } });
      }
      throw newBadRequest('unsupported');
    } catch (err) {
      const st = statusOf(err);
      return json(st.code, st);
    }
  };
  return { handler, objects, requests, add };
}

/** mergePatch applies RFC 7386; with strategic it merges lists of objects by "name". */
export function mergePatch(target: Any, patch: Any, strategic: boolean): Any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Any = target && typeof target === 'object' && !Array.isArray(target) ? target : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) delete out[k];
    else if (strategic && Array.isArray(v) && Array.isArray(out[k]) && v.every((x) => x && typeof x === 'object' && 'name' in x)) {
      const merged = [...out[k]];
      for (const item of v) {
        const i = merged.findIndex((x: Any) => x?.name === item.name);
        if (i >= 0) merged[i] = mergePatch(merged[i], item, true);
        else merged.push(item);
      }
      out[k] = merged;
    } else out[k] = mergePatch(out[k], v, strategic);
  }
  return out;
}

function applyJSONPatch(doc: Any, ops: Array<{ op: string; path: string; value?: unknown }>): Any {
  for (const op of ops) {
    const parts = op.path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop()!;
    const parent = parts.reduce((v: Any, k) => v[k], doc);
    if (op.op === 'remove') Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
    else if (op.op === 'add' && Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, op.value);
    else parent[last] = op.value;
  }
  return doc;
}
