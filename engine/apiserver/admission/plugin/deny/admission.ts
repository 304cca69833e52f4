// Mirrors plugin/pkg/admission/deny/admission.go: AlwaysDeny refuses every write (a teaching tool and a test aid).
import type { Plugin } from '../../interfaces.js';
import { newForbidden } from '../errors.js';

export const pluginName = 'AlwaysDeny';

export function newAlwaysDeny(): Plugin {
  return {
    name: pluginName,
    handles: () => true,
    validate(a) {
      throw newForbidden(a, 'admission control is denying all modifications');
    },
  };
}
