// Mirrors pkg/apis/apps/v1/defaults.go and SetObjectDefaults_* of zz_generated.defaults.go:
// Deployment, ReplicaSet, DaemonSet and StatefulSet (with the StatefulSetAutoDeletePVC gate on).
import { setDefaultsPersistentVolumeClaim, setDefaultsPodTemplateSpec } from '../../core/v1/defaults.js';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from './types.js';

const unset = (v: unknown) => v === undefined || v === null;

export function setDefaultsDeployment(d: Deployment): void {
  const spec = (d.spec ??= {} as NonNullable<Deployment['spec']>);
  if (unset(spec.replicas)) spec.replicas = 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    if (unset(ru.maxUnavailable)) ru.maxUnavailable = '25%';
    if (unset(ru.maxSurge)) ru.maxSurge = '25%';
  }
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  if (unset(spec.progressDeadlineSeconds)) spec.progressDeadlineSeconds = 600;
  setDefaultsPodTemplateSpec(spec.template);
}

export function setDefaultsReplicaSet(rs: ReplicaSet): void {
  const spec = (rs.spec ??= {} as NonNullable<ReplicaSet['spec']>);
  if (unset(spec.replicas)) spec.replicas = 1;
  setDefaultsPodTemplateSpec(spec.template);
}

export function setDefaultsDaemonSet(ds: DaemonSet): void {
  const spec = (ds.spec ??= {} as NonNullable<DaemonSet['spec']>);
  const strategy = (spec.updateStrategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    if (unset(ru.maxUnavailable)) ru.maxUnavailable = 1;
    if (unset(ru.maxSurge)) ru.maxSurge = 0;
  }
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  setDefaultsPodTemplateSpec(spec.template);
}

export function setDefaultsStatefulSet(ss: StatefulSet): void {
  const spec = (ss.spec ??= {} as NonNullable<StatefulSet['spec']>);
  spec.podManagementPolicy ||= 'OrderedReady';
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    strategy.rollingUpdate ??= {};
  }
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate && unset(strategy.rollingUpdate.partition))
    strategy.rollingUpdate.partition = 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  if (unset(spec.replicas)) spec.replicas = 1;
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  setDefaultsPodTemplateSpec(spec.template);
  for (const pvc of spec.volumeClaimTemplates ?? []) {
    pvc.metadata ??= {};
    setDefaultsPersistentVolumeClaim(pvc);
  }
}

export const appsDefaulters: Record<string, (obj: never) => void> = {
  Deployment: setDefaultsDeployment,
  ReplicaSet: setDefaultsReplicaSet,
  DaemonSet: setDefaultsDaemonSet,
  StatefulSet: setDefaultsStatefulSet,
};
