// Mirrors the PodDescriber of k8s.io/kubectl/pkg/describe/describe.go: identity, node, status
// and IPs, each container's image, ports, state, readiness, restarts, environment and mounts,
// conditions, volumes, QoS class, and events.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { PrefixWriter, describeEvents, printAnnotations, printMap, rfc1123Z, type Any } from './describe.js';

export function describePod(pod: KubeObject & Any, events: Any[], now: number): string {
  const w = new PrefixWriter();
  const spec: Any = pod.spec ?? {};
  const status: Any = pod.status ?? {};
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${pod.metadata.namespace}\n`);
  w.write(0, `Priority:\t${spec.priority ?? 0}\n`);
  w.write(0, `Service Account:\t${spec.serviceAccountName ?? 'default'}\n`);
  w.write(0, `Node:\t${spec.nodeName ? `${spec.nodeName}/${status.hostIP ?? ''}` : '<none>'}\n`);
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123Z(status.startTime)}\n`);
  printMap(w, 0, 'Labels', pod.metadata.labels);
  printAnnotations(w, 0, pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp) {
    w.write(0, `Status:\tTerminating (lasts ${'<unknown>'})\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${status.phase ?? 'Pending'}\n`);
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  const ips: Any[] = status.podIPs ?? (status.podIP ? [{ ip: status.podIP }] : []);
  if (ips.length) {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  } else w.write(0, 'IPs:\t<none>\n');
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  describeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses ?? []);
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes ?? []);
  w.write(0, `QoS Class:\t${status.qosClass ?? 'BestEffort'}\n`);
  printMap(w, 0, 'Node-Selectors', spec.nodeSelector);
  const tolerations: Any[] = spec.tolerations ?? [];
  if (!tolerations.length) w.write(0, 'Tolerations:\t<none>\n');
  tolerations.forEach((t, i) => {
    const text = `${t.key ?? ''}${t.operator === 'Exists' ? '' : t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''} ${t.operator === 'Exists' ? 'op=Exists' : ''}${t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : ''}`.trim();
    w.write(0, i === 0 ? `Tolerations:\t${text}\n` : `\t${text}\n`);
  });
  describeEvents(w, events, now);
  return w.done();
}

export function describeContainers(w: PrefixWriter, title: string, containers: Any[], statuses: Any[], level = 0): void {
  w.write(level, `${title}:\n`);
  for (const c of containers) {
    const st: Any = statuses.find((s) => s.name === c.name) ?? {};
    w.write(level + 1, `${c.name}:\n`);
    if (statuses.length) w.write(level + 2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(level + 2, `Image:\t${c.image}\n`);
    if (statuses.length) w.write(level + 2, `Image ID:\t${st.imageID ?? ''}\n`);
    const ports: Any[] = c.ports ?? [];
    if (!ports.length) {
      w.write(level + 2, 'Port:\t<none>\n');
      w.write(level + 2, 'Host Port:\t<none>\n');
    } else {
      w.write(level + 2, `Port${ports.length > 1 ? 's' : ''}:\t${ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ')}\n`);
      w.write(level + 2, `Host Port${ports.length > 1 ? 's' : ''}:\t${ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ')}\n`);
    }
    if (c.command?.length) {
      w.write(level + 2, 'Command:\n');
      for (const a of c.command) w.write(level + 3, `${a}\n`);
    }
    if (c.args?.length) {
      w.write(level + 2, 'Args:\n');
      for (const a of c.args) w.write(level + 3, `${a}\n`);
    }
    if (statuses.length) {
      describeState(w, level + 2, 'State', st.state);
      if (st.lastState && Object.keys(st.lastState).length) describeState(w, level + 2, 'Last State', st.lastState);
      w.write(level + 2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(level + 2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    for (const kind of ['limits', 'requests'] as const) {
      const r = c.resources?.[kind];
      if (r && Object.keys(r).length) {
        w.write(level + 2, `${kind === 'limits' ? 'Limits' : 'Requests'}:\n`);
        for (const k of Object.keys(r).sort()) w.write(level + 3, `${k}:\t${r[k]}\n`);
      }
    }
    const env: Any[] = c.env ?? [];
    if (!env.length) w.write(level + 2, 'Environment:\t<none>\n');
    else {
      w.write(level + 2, 'Environment:\n');
      for (const e of env) {
        if (e.value !== undefined) w.write(level + 3, `${e.name}:\t${e.value}\n`);
        else if (e.valueFrom?.fieldRef) w.write(level + 3, `${e.name}:\t (${e.valueFrom.fieldRef.apiVersion ?? 'v1'}:${e.valueFrom.fieldRef.fieldPath})\n`);
        else if (e.valueFrom?.secretKeyRef) w.write(level + 3, `${e.name}:\t<set to the key '${e.valueFrom.secretKeyRef.key}' in secret '${e.valueFrom.secretKeyRef.name}'>\tOptional: ${!!e.valueFrom.secretKeyRef.optional}\n`);
        else if (e.valueFrom?.configMapKeyRef) w.write(level + 3, `${e.name}:\t<set to the key '${e.valueFrom.configMapKeyRef.key}' of config map '${e.valueFrom.configMapKeyRef.name}'>\tOptional: ${!!e.valueFrom.configMapKeyRef.optional}\n`);
        else w.write(level + 3, `${e.name}:\t\n`);
      }
    }
    const mounts: Any[] = c.volumeMounts ?? [];
    if (!mounts.length) w.write(level + 2, 'Mounts:\t<none>\n');
    else {
      w.write(level + 2, 'Mounts:\n');
      for (const m of [...mounts].sort((a, b) => a.mountPath.localeCompare(b.mountPath)))
        w.write(level + 3, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'}${m.subPath ? `,path="${m.subPath}"` : ''})\n`);
    }
  }
}

function describeState(w: PrefixWriter, level: number, title: string, state: Any | undefined): void {
  if (state?.running) {
    w.write(level, `${title}:\tRunning\n`);
    w.write(level + 1, `Started:\t${rfc1123Z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(level, `${title}:\tWaiting\n`);
    w.write(level + 1, `Reason:\t${state.waiting.reason ?? ''}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(level, `${title}:\tTerminated\n`);
    w.write(level + 1, `Reason:\t${t.reason ?? ''}\n`);
    if (t.message) w.write(level + 1, `Message:\t${t.message}\n`);
    w.write(level + 1, `Exit Code:\t${t.exitCode}\n`);
    if (t.startedAt) w.write(level + 1, `Started:\t${rfc1123Z(t.startedAt)}\n`);
    if (t.finishedAt) w.write(level + 1, `Finished:\t${rfc1123Z(t.finishedAt)}\n`);
  } else w.write(level, `${title}:\tWaiting\n`);
}

export function describeVolumes(w: PrefixWriter, volumes: Any[], level = 0): void {
  if (!volumes.length) {
    w.write(level, 'Volumes:\t<none>\n');
    return;
  }
  w.write(level, 'Volumes:\n');
  for (const v of volumes) {
    w.write(level + 1, `${v.name}:\n`);
    if (v.emptyDir) {
      w.write(level + 2, 'Type:\tEmptyDir (a temporary directory that shares a pod\'s lifetime)\n');
      w.write(level + 2, `Medium:\t${v.emptyDir.medium ?? ''}\n`);
      w.write(level + 2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    } else if (v.hostPath) {
      w.write(level + 2, 'Type:\tHostPath (bare host directory volume)\n');
      w.write(level + 2, `Path:\t${v.hostPath.path}\n`);
      w.write(level + 2, `HostPathType:\t${v.hostPath.type ?? ''}\n`);
    } else if (v.secret) {
      w.write(level + 2, 'Type:\tSecret (a volume populated by a Secret)\n');
      w.write(level + 2, `SecretName:\t${v.secret.secretName}\n`);
      w.write(level + 2, `Optional:\t${!!v.secret.optional}\n`);
    } else if (v.configMap) {
      w.write(level + 2, 'Type:\tConfigMap (a volume populated by a ConfigMap)\n');
      w.write(level + 2, `Name:\t${v.configMap.name}\n`);
      w.write(level + 2, `Optional:\t${!!v.configMap.optional}\n`);
    } else if (v.nfs) {
      w.write(level + 2, 'Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n');
      w.write(level + 2, `Server:\t${v.nfs.server}\n`);
      w.write(level + 2, `Path:\t${v.nfs.path}\n`);
      w.write(level + 2, `ReadOnly:\t${!!v.nfs.readOnly}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(level + 2, 'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n');
      w.write(level + 2, `ClaimName:\t${v.persistentVolumeClaim.claimName}\n`);
      w.write(level + 2, `ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}\n`);
    } else w.write(level + 2, `Type:\t${Object.keys(v).find((k) => k !== 'name') ?? 'unknown'}\n`);
  }
}
