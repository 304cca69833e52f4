// Mirrors plugin/pkg/admission/admit/admission.go: AlwaysAdmit lets every request through (deprecated upstream).
import type { Plugin } from '../../interfaces.js';

export const pluginName = 'AlwaysAdmit';

export function newAlwaysAdmit(): Plugin {
  return { name: pluginName, handles: () => true };
}
