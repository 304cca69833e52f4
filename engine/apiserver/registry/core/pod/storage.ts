// Mirrors pkg/registry/core/pod/storage/storage.go and pod.ToSelectableFields in strategy.go.
import { podTable } from '../../../../printers/internalversion/pod.js';
import type { Pod } from '../../../../api/core/v1/types.js';
import { defineResource } from '../common/definition.js';
import { StatusStrategy, Strategy } from './strategy.js';

export const pods = defineResource({
  group: '',
  version: 'v1',
  kind: 'Pod',
  listKind: 'PodList',
  resource: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  categories: ['all'],
  namespaced: true,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  table: podTable,
  etcdPrefix: '/registry/pods',
  returnDeletedObject: true,
  fields(obj) {
    const pod = obj as unknown as Pod;
    return {
      'spec.nodeName': pod.spec?.nodeName ?? '',
      'spec.restartPolicy': pod.spec?.restartPolicy ?? '',
      'spec.schedulerName': pod.spec?.schedulerName ?? '',
      'spec.serviceAccountName': pod.spec?.serviceAccountName ?? '',
      'spec.hostNetwork': String(pod.spec?.hostNetwork ?? false),
      'status.phase': pod.status?.phase ?? '',
      // Only the first pod IP is selectable, as upstream (dual-stack keeps IPv4 first).
      'status.podIP': pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP ?? '',
      'status.nominatedNodeName': pod.status?.nominatedNodeName ?? '',
    };
  },
});
