// Mirrors pkg/kubelet/config/file.go (extractFromDir, extractFromFile) and applyDefaults in
// pkg/kubelet/config/common.go: the static pod manifests in --pod-manifest-path, each a Pod in YAML
// or JSON, named <name>-<node>, bound to the node, with a UID that is the hash of the manifest and
// the node. Simplified: a sha256-based hash instead of md5, files read from the node's file tree;
// hidden files are skipped as upstream does.
import { parse as parseYAML } from 'yaml';
import type { Pod } from '../../api/core/v1/types.js';
import { setDefaultsPod } from '../../api/core/v1/defaults-pod.js';
import type { FileSystem } from '../../images/types.js';
import { sha256Hex } from '../../images/lib/sha256.js';
import { ConfigFirstSeenAnnotationKey, ConfigHashAnnotationKey, ConfigSourceAnnotationKey } from '../pod/mirror-client.js';

/** ManifestResult is what one file gave: a static pod, or the reason it was skipped. */
export interface ManifestResult {
  path: string;
  pod?: Pod;
  error?: string;
}

/** extractFromDir reads every manifest in dir (sorted by name, hidden files skipped). */
export function extractFromDir(fs: FileSystem, dir: string, nodeName: string, now: number): ManifestResult[] {
  const st = fs.stat(dir);
  if (!st) return [];
  const names = st.type === 'dir' ? fs.readdir(dir).sort() : [''];
  const out: ManifestResult[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = name ? `${dir.replace(/\/+$/, '')}/${name}` : dir;
    if (fs.stat(path)?.type === 'dir') continue;
    try {
      out.push({ path, pod: extractFromFile(fs.readText(path), path, nodeName, now) });
    } catch (err) {
      out.push({ path, error: `could not process manifest file "${path}": ${(err as Error).message}` });
    }
  }
  return out;
}

/** extractFromFile decodes one manifest into a static pod with the kubelet's defaults applied. */
export function extractFromFile(text: string, path: string, nodeName: string, now: number): Pod {
  const obj = parseYAML(text) as Pod | null;
  if (!obj || typeof obj !== 'object') throw new Error('no pod in the file');
  if (obj.kind !== undefined && obj.kind !== 'Pod') throw new Error(`invalid pod: kind "${obj.kind}" is not "Pod"`);
  if (!obj.metadata?.name) throw new Error('invalid pod: metadata.name: Required value: name or generateName is required');
  if (!obj.spec?.containers?.length) throw new Error('invalid pod: spec.containers: Required value');
  return applyDefaults({ apiVersion: 'v1', kind: 'Pod', ...obj }, path, nodeName, now);
}

/** applyDefaults is upstream's applyDefaults for a file source. */
export function applyDefaults(pod: Pod, source: string, nodeName: string, now: number): Pod {
  const p: Pod = structuredClone(pod);
  p.metadata.uid ||= sha256Hex(`${JSON.stringify(pod)}host:${nodeName}file:${source}`).slice(0, 32);
  p.metadata.name = `${p.metadata.name}-${nodeName.toLowerCase()}`;
  p.metadata.namespace ||= 'default';
  p.metadata.annotations = {
    ...(p.metadata.annotations ?? {}),
    [ConfigHashAnnotationKey]: p.metadata.uid,
    [ConfigFirstSeenAnnotationKey]: new Date(now).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z'),
    [ConfigSourceAnnotationKey]: 'file',
  };
  p.spec!.nodeName = nodeName;
  // Static pods tolerate every NoExecute taint: node problems must not evict them.
  const tolerations = (p.spec!.tolerations ??= []);
  if (!tolerations.some((t) => t.operator === 'Exists' && t.effect === 'NoExecute' && !t.key)) tolerations.push({ operator: 'Exists', effect: 'NoExecute' });
  setDefaultsPod(p);
  p.status = { phase: 'Pending' };
  return p;
}
