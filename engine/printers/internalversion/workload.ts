import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { formatLabels } from '../../apimachinery/labels/labels.js';
import { formatLabelSelector, labelSelectorAsSelector } from '../../apimachinery/apis/meta/v1/helpers.js';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from '../../api/apps/v1/types.js';
import type { ReplicationController } from '../../api/core/v1/types.js';
import type { TableConvertor } from '../../apiserver/registry/rest/resource.js';
import { col, nameColumn, objectName, podTemplateCells, podTemplateColumns, selectorColumn } from './helpers.js';

interface ReplicasDocs {
  desired: string;
  current: string;
  ready: string;
  selector: string;
}

/** replicasTable prints replication controllers and replica sets: the same columns, in each one's own words. */
function replicasTable<T extends ReplicationController | ReplicaSet>(docs: ReplicasDocs, selectorOf: (o: T) => string): TableConvertor {
  return {
    columns: [
      nameColumn,
      col('Desired', 'integer', docs.desired),
      col('Current', 'integer', docs.current),
      col('Ready', 'integer', docs.ready),
      ...podTemplateColumns,
      selectorColumn(docs.selector),
    ],
    row(obj, now) {
      const o = obj as unknown as T;
      return [
        objectName(obj),
        o.spec?.replicas ?? 0,
        o.status?.replicas ?? 0,
        o.status?.readyReplicas ?? 0,
        ...podTemplateCells(obj, o.spec?.template?.spec?.containers, now),
        selectorOf(o),
      ];
    },
  };
}

export const replicationControllerTable = replicasTable<ReplicationController>(
  {
    desired: 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller',
    current: 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller',
    ready: 'The number of ready replicas for this replication controller.',
    selector: 'Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
  },
  (rc) => formatLabels(rc.spec?.selector),
);

export const replicaSetTable = replicasTable<ReplicaSet>(
  {
    desired: 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller',
    current: 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller',
    ready: 'The number of ready replicas for this replica set.',
    selector: 'Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
  },
  (rs) => formatLabelSelector(rs.spec?.selector),
);

export const deploymentTable: TableConvertor = {
  columns: [
    nameColumn,
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    col('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    ...podTemplateColumns,
    selectorColumn('Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.'),
  ],
  row(obj, now) {
    const d = obj as unknown as Deployment;
    // Unlike the other workloads, an empty selector prints as "" here (selector.String()).
    let selector: string;
    try {
      selector = labelSelectorAsSelector(d.spec?.selector).toString();
    } catch {
      selector = '<invalid>';
    }
    return [
      objectName(obj),
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      ...podTemplateCells(obj, d.spec?.template?.spec?.containers, now),
      selector,
    ];
  },
};

export const daemonSetTable: TableConvertor = {
  columns: [
    nameColumn,
    col('Desired', 'integer', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/'),
    col('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/'),
    col('Ready', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'),
    col('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    col('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)'),
    col('Node Selector', 'string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
    ...podTemplateColumns,
    selectorColumn("A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"),
  ],
  row(obj, now) {
    const ds = obj as unknown as DaemonSet;
    const st = ds.status;
    return [
      objectName(obj),
      st?.desiredNumberScheduled ?? 0,
      st?.currentNumberScheduled ?? 0,
      st?.numberReady ?? 0,
      st?.updatedNumberScheduled ?? 0,
      st?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      ...podTemplateCells(obj, ds.spec?.template?.spec?.containers, now),
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};

export const statefulSetTable: TableConvertor = {
  columns: [nameColumn, col('Ready', 'string', 'Number of the pod with ready state'), ...podTemplateColumns],
  row(obj, now) {
    const ss = obj as unknown as StatefulSet;
    const ready = `${ss.status?.readyReplicas ?? 0}/${ss.spec?.replicas ?? 0}`;
    return [objectName(obj), ready, ...podTemplateCells(obj, ss.spec?.template?.spec?.containers, now)];
  },
};
