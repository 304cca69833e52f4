// Mirrors pkg/registry/core/secret/strategy.go: no status; immutability and type rules are
// validation's (engine/api). stringData is merged into data on the way in, as the v1 → internal
// conversion does upstream (Convert_v1_Secret_To_core_Secret): its values win and it is never stored.
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import { setObjectDefaults } from '../../../../api/defaults.js';
import { newStrategy } from '../common/strategy-helpers.js';

const gvk = { group: '', version: 'v1', kind: 'Secret' };

/** mergeStringData moves stringData into data as base64 (UTF-8 bytes), overwriting equal keys. */
export function mergeStringData(secret: KubeObject): void {
  const stringData = secret.stringData as Record<string, string> | undefined;
  if (!stringData) return;
  const data = { ...((secret.data as Record<string, string> | undefined) ?? {}) };
  for (const [key, value] of Object.entries(stringData)) {
    let bin = '';
    for (const b of new TextEncoder().encode(String(value))) bin += String.fromCharCode(b);
    data[key] = btoa(bin);
  }
  secret.data = data;
  delete secret.stringData;
}

export const Strategy = newStrategy(
  { gvk, namespaced: true },
  {
    defaults(obj: KubeObject) {
      mergeStringData(obj);
      setObjectDefaults(gvk, obj);
    },
  },
);
