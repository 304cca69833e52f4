import { describe, expect, it } from 'vitest';
import { enabledPluginNames, type AdmissionOptions } from './plugins.js';

const cases: [string, AdmissionOptions, string[] | RegExp][] = [
  ['defaults, in upstream order', {}, ['NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'DefaultTolerationSeconds', 'ResourceQuota']],
  [
    'enabling keeps the fixed order whatever the flag order',
    { enableAdmissionPlugins: ['AlwaysDeny', 'AlwaysPullImages'] },
    ['NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'AlwaysPullImages', 'DefaultTolerationSeconds', 'ResourceQuota', 'AlwaysDeny'],
  ],
  ['disabling removes', { disableAdmissionPlugins: ['ServiceAccount', 'ResourceQuota'] }, ['NamespaceLifecycle', 'LimitRanger', 'DefaultTolerationSeconds']],
  [
    '--admission-control is the exact list in its own order',
    { admissionControl: ['NamespaceExists', 'ResourceQuota', 'LimitRanger', 'ServiceAccount'] },
    ['NamespaceExists', 'ResourceQuota', 'LimitRanger', 'ServiceAccount'],
  ],
  ['unknown names fail', { enableAdmissionPlugins: ['PodSecurityPolicy'] }, /admission plugin "PodSecurityPolicy" is unknown/],
  ['enabled and disabled at once fails', { enableAdmissionPlugins: ['AlwaysDeny'], disableAdmissionPlugins: ['AlwaysDeny'] }, /AlwaysDeny plugins specified in both/],
  ['old and new flags together fail', { admissionControl: ['LimitRanger'], disableAdmissionPlugins: ['LimitRanger'] }, /mutually exclusive/],
];

describe('enabledPluginNames', () => {
  it.each(cases)('%s', (_name, opts, want) => {
    if (want instanceof RegExp) expect(() => enabledPluginNames(opts)).toThrow(want);
    else expect(enabledPluginNames(opts)).toEqual(want);
  });
});
