// Mirrors the SetUp of pkg/volume's plugins the kubelet mounts: emptyDir (disk or Memory medium),
// hostPath (a directory of the node's file tree, with its type checks), secret, configMap,
// downwardAPI, projected (serviceAccountToken + configMap + secret + downwardAPI) and
// persistentVolumeClaim (the bound PV's hostPath/local or nfs backing). Each returns the tree
// to mount; sources backed by API objects also return a refresh that rewrites changed files.
import type { ConfigMap, DownwardAPIVolumeFile, Pod, ResourceList, Secret, Volume } from '../../../api/core/v1/types.js';
import type { Clientset } from '../../../client/kubernetes/clientset.js';
import type { Clock } from '../../../util/clock.js';
import type { FileSystem } from '../../../images/types.js';
import { isNotFound } from '../../../apimachinery/api/errors/errors.js';
import { MemFileSystem } from '../../../images/fs/mem-fs.js';
import { sha256Hex } from '../../../images/lib/sha256.js';
import { containerResourceValue, decodeBase64Bytes, formatMap, podFieldSelectorRuntimeValue, type PodIPs } from '../../kubelet-pods.js';
import { SubFileSystem } from './sub-fs.js';
import { makePayload, writePayload, type Payload } from './payload.js';

export interface VolumeHost {
  client: Clientset;
  clock: Clock;
  /** hostFs is the node's own file tree (hostPath volumes and local PVs). */
  hostFs: FileSystem;
  /** nfs returns the shared tree of an NFS export. */
  nfs(server: string, path: string): FileSystem;
  podIPs(pod: Pod): PodIPs;
  nodeAllocatable(): ResourceList;
}

export interface MountedVolume {
  /** plugin is the upstream plugin name ("kubernetes.io/secret"). */
  plugin: string;
  fs: FileSystem;
  readOnly: boolean;
  /** refresh re-reads the source and rewrites files (secrets and config maps follow their objects). */
  refresh?: () => Promise<void>;
}

/** setUpVolume prepares one pod volume; errors carry upstream's SetUp message. */
export async function setUpVolume(volume: Volume, pod: Pod, host: VolumeHost): Promise<MountedVolume> {
  const ns = pod.metadata.namespace ?? 'default';
  if (volume.emptyDir) return { plugin: 'kubernetes.io/empty-dir', fs: new MemFileSystem({ now: () => host.clock.now() }), readOnly: false };
  if (volume.hostPath) return { plugin: 'kubernetes.io/host-path', fs: hostPathFs(host.hostFs, volume.hostPath.path, volume.hostPath.type ?? ''), readOnly: false };
  if (volume.nfs) return { plugin: 'kubernetes.io/nfs', fs: host.nfs(volume.nfs.server, volume.nfs.path), readOnly: volume.nfs.readOnly ?? false };
  if (volume.persistentVolumeClaim) return setUpClaim(volume.persistentVolumeClaim.claimName, volume.persistentVolumeClaim.readOnly ?? false, ns, host);
  const projected = (plugin: string, build: () => Promise<Payload>): Promise<MountedVolume> => payloadVolume(plugin, build, host);
  if (volume.secret) {
    const s = volume.secret;
    return projected('kubernetes.io/secret', async () => {
      const secret = await getSecret(host, ns, s.secretName ?? '', s.optional ?? false);
      return makePayload('Secret', secretData(secret), s.items, s.defaultMode ?? 0o644, s.optional ?? false);
    });
  }
  if (volume.configMap) {
    const c = volume.configMap;
    return projected('kubernetes.io/configmap', async () => {
      const cm = await getConfigMap(host, ns, c.name ?? '', c.optional ?? false);
      return makePayload('ConfigMap', configMapData(cm), c.items, c.defaultMode ?? 0o644, c.optional ?? false);
    });
  }
  if (volume.downwardAPI) {
    const d = volume.downwardAPI;
    return projected('kubernetes.io/downward-api', async () => downwardPayload(pod, d.items ?? [], d.defaultMode ?? 0o644, host));
  }
  if (volume.projected) {
    const p = volume.projected;
    const mode = p.defaultMode ?? 0o644;
    return projected('kubernetes.io/projected', async () => {
      const payload: Payload = new Map();
      for (const src of p.sources ?? []) {
        let part: Payload = new Map();
        if (src.secret) part = makePayload('Secret', secretData(await getSecret(host, ns, src.secret.name ?? '', src.secret.optional ?? false)), src.secret.items, mode, src.secret.optional ?? false);
        else if (src.configMap) part = makePayload('ConfigMap', configMapData(await getConfigMap(host, ns, src.configMap.name ?? '', src.configMap.optional ?? false)), src.configMap.items, mode, src.configMap.optional ?? false);
        else if (src.downwardAPI) part = downwardPayload(pod, src.downwardAPI.items ?? [], mode, host);
        else if (src.serviceAccountToken) part = new Map([[src.serviceAccountToken.path, { data: serviceAccountToken(pod, src.serviceAccountToken, host.clock), mode }]]);
        for (const [k, v] of part) payload.set(k, v);
      }
      return payload;
    });
  }
  throw new Error(`unsupported volume source for volume "${volume.name}"`);
}

async function payloadVolume(plugin: string, build: () => Promise<Payload>, host: VolumeHost): Promise<MountedVolume> {
  const fs = new MemFileSystem({ now: () => host.clock.now() });
  writePayload(fs, await build());
  return {
    plugin,
    fs: readOnlyView(fs),
    readOnly: true,
    refresh: async () => void writePayload(fs, await build()),
  };
}

/** readOnlyView wraps a tree so containers cannot write it while the kubelet still can. */
function readOnlyView(fs: MemFileSystem): FileSystem {
  const ro = (path: string) => Object.assign(new Error('Read-only file system'), { code: 'EROFS', path });
  return {
    readFile: (p) => fs.readFile(p),
    readText: (p) => fs.readText(p),
    readdir: (p) => fs.readdir(p),
    stat: (p) => fs.stat(p),
    writeFile: (p) => {
      throw ro(p);
    },
    mkdir: (p, o) => {
      if (fs.stat(p)?.type === 'dir' && o?.recursive) return;
      throw ro(p);
    },
    rm: (p) => {
      throw ro(p);
    },
  };
}

function hostPathFs(hostFs: FileSystem, path: string, type: string): FileSystem {
  const st = hostFs.stat(path);
  switch (type) {
    case 'DirectoryOrCreate':
      if (!st) hostFs.mkdir(path, { recursive: true });
      break;
    case 'Directory':
      if (st?.type !== 'dir') throw new Error(`hostPath type check failed: ${path} is not a directory`);
      break;
    case 'File':
      if (st?.type !== 'file') throw new Error(`hostPath type check failed: ${path} is not a file`);
      break;
    case 'FileOrCreate':
      if (!st) hostFs.writeFile(path, '');
      break;
    default:
      // "" (no checks): the runtime creates a missing directory, as docker did.
      if (!st) hostFs.mkdir(path, { recursive: true });
  }
  return new SubFileSystem(hostFs, path);
}

async function setUpClaim(claimName: string, readOnly: boolean, ns: string, host: VolumeHost): Promise<MountedVolume> {
  const pvc = await host.client.coreV1().persistentVolumeClaims(ns).get(claimName).catch((err: unknown) => {
    if (isNotFound(err)) throw new Error(`persistentvolumeclaim "${claimName}" not found`);
    throw err;
  });
  const pvName = pvc.spec?.volumeName;
  if (!pvName || pvc.status?.phase !== 'Bound') throw new Error(`PVC ${ns}/${claimName} is not bound`);
  const pv = await host.client.coreV1().persistentVolumes().get(pvName);
  const spec = pv.spec ?? {};
  if (spec.hostPath) return { plugin: 'kubernetes.io/host-path', fs: hostPathFs(host.hostFs, spec.hostPath.path, spec.hostPath.type ?? ''), readOnly };
  if (spec.local) return { plugin: 'kubernetes.io/local-volume', fs: hostPathFs(host.hostFs, spec.local.path, 'Directory'), readOnly };
  if (spec.nfs) return { plugin: 'kubernetes.io/nfs', fs: host.nfs(spec.nfs.server, spec.nfs.path), readOnly: readOnly || (spec.nfs.readOnly ?? false) };
  throw new Error(`persistentvolume "${pvName}" has no volume source this node can mount`);
}

async function getSecret(host: VolumeHost, ns: string, name: string, optional: boolean): Promise<Secret | undefined> {
  try {
    return await host.client.coreV1().secrets(ns).get(name);
  } catch (err) {
    if (isNotFound(err) && optional) return undefined;
    if (isNotFound(err)) throw new Error(`secret "${name}" not found`);
    throw err;
  }
}

async function getConfigMap(host: VolumeHost, ns: string, name: string, optional: boolean): Promise<ConfigMap | undefined> {
  try {
    return await host.client.coreV1().configMaps(ns).get(name);
  } catch (err) {
    if (isNotFound(err) && optional) return undefined;
    if (isNotFound(err)) throw new Error(`configmap "${name}" not found`);
    throw err;
  }
}

function secretData(s: Secret | undefined): Record<string, Uint8Array> {
  return Object.fromEntries(Object.entries(s?.data ?? {}).map(([k, v]) => [k, decodeBase64Bytes(v)]));
}

function configMapData(cm: ConfigMap | undefined): Record<string, Uint8Array | string> {
  return { ...(cm?.data ?? {}), ...Object.fromEntries(Object.entries(cm?.binaryData ?? {}).map(([k, v]) => [k, decodeBase64Bytes(v)])) };
}

function downwardPayload(pod: Pod, items: DownwardAPIVolumeFile[], mode: number, host: VolumeHost): Payload {
  const payload: Payload = new Map();
  for (const item of items) {
    let data = '';
    if (item.fieldRef) {
      const path = item.fieldRef.fieldPath;
      data = path === 'metadata.labels' ? formatMap(pod.metadata.labels) : path === 'metadata.annotations' ? formatMap(pod.metadata.annotations) : podFieldSelectorRuntimeValue(pod, path, host.podIPs(pod));
    } else if (item.resourceFieldRef) {
      const r = item.resourceFieldRef;
      data = containerResourceValue(pod, r.containerName ?? '', r.resource, r.divisor, host.nodeAllocatable());
    }
    payload.set(item.path, { data, mode: item.mode ?? mode });
  }
  return payload;
}

/** serviceAccountToken stands in for a TokenRequest: a JWT-shaped bound token for the pod's account. */
function serviceAccountToken(pod: Pod, src: { audience?: string; expirationSeconds?: number }, clock: Clock): string {
  const b64url = (s: string) => btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const iat = Math.floor(clock.now() / 1000);
  const ns = pod.metadata.namespace ?? 'default';
  const sa = pod.spec?.serviceAccountName || 'default';
  const header = b64url(JSON.stringify({ alg: 'RS256', kid: 'kubelab' }));
  const payload = b64url(JSON.stringify({
    aud: [src.audience || 'https://kubernetes.default.svc.cluster.local'],
    exp: iat + (src.expirationSeconds ?? 3600),
    iat,
    iss: 'https://kubernetes.default.svc.cluster.local',
    'kubernetes.io': { namespace: ns, node: { name: pod.spec?.nodeName ?? '' }, pod: { name: pod.metadata.name, uid: pod.metadata.uid }, serviceaccount: { name: sa } },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${sa}`,
  }));
  return `${header}.${payload}.${b64url(sha256Hex(`${header}.${payload}`))}`;
}
