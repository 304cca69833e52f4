// Mirrors cmd/kube-controller-manager/app/options/options.go: the manager's flags and their
// defaults (durations in milliseconds here), and a parser for the command line.
export interface KubeControllerManagerOptions {
  /** controllers is --controllers: "*" enables the defaults, "foo" one, "-foo" disables one. */
  controllers: string[];
  concurrentDeploymentSyncs: number;
  concurrentEndpointSyncs: number;
  /** endpointUpdatesBatchPeriod (ms) batches pod-driven Endpoints updates; 0 (the default) does not. */
  endpointUpdatesBatchPeriod?: number;
  /** concurrentServiceEndpointSyncs is the EndpointSlice controller's worker count. */
  concurrentServiceEndpointSyncs: number;
  /** maxEndpointsPerSlice caps the endpoints of each EndpointSlice the controller writes. */
  maxEndpointsPerSlice: number;
  /** mirroringConcurrentServiceEndpointSyncs is the EndpointSliceMirroring controller's worker count. */
  mirroringConcurrentServiceEndpointSyncs: number;
  /** endpointSliceUpdatesBatchPeriod (ms) batches pod-driven EndpointSlice updates; 0 (the default) does not. */
  endpointSliceUpdatesBatchPeriod?: number;
  concurrentRSSyncs: number;
  concurrentRCSyncs: number;
  concurrentGCSyncs: number;
  concurrentNamespaceSyncs: number;
  concurrentServiceAccountTokenSyncs: number;
  concurrentResourceQuotaSyncs: number;
  concurrentJobSyncs: number;
  concurrentCronJobSyncs: number;
  concurrentDaemonSetSyncs: number;
  concurrentStatefulSetSyncs: number;
  concurrentHorizontalPodAutoscalerSyncs: number;
  /** horizontalPodAutoscalerSyncPeriod (ms) is how often each autoscaler is reconciled. */
  horizontalPodAutoscalerSyncPeriod: number;
  /** horizontalPodAutoscalerDownscaleStabilizationWindow (ms): scale-downs wait for the highest recommendation of this window. */
  horizontalPodAutoscalerDownscaleStabilizationWindow: number;
  /** horizontalPodAutoscalerTolerance is the usage ratio change (either way) that does not rescale. */
  horizontalPodAutoscalerTolerance: number;
  /** horizontalPodAutoscalerCPUInitializationPeriod (ms) after a pod starts in which its CPU samples may be skipped. */
  horizontalPodAutoscalerCPUInitializationPeriod: number;
  /** horizontalPodAutoscalerInitialReadinessDelay (ms) after a pod starts in which readiness changes count as initial. */
  horizontalPodAutoscalerInitialReadinessDelay: number;
  enableGarbageCollector: boolean;
  nodeMonitorPeriod: number;
  nodeMonitorGracePeriod: number;
  nodeStartupGracePeriod: number;
  podEvictionTimeout: number;
  namespaceSyncPeriod: number;
  /** rootCA is the content of --root-ca-file (the entry point reads the file). */
  rootCA: string;
  leaderElect: boolean;
  leaderElectLeaseDuration: number;
  leaderElectRenewDeadline: number;
  leaderElectRetryPeriod: number;
  leaderElectResourceLock: string;
  leaderElectResourceNamespace: string;
  leaderElectResourceName: string;
  /** identity names this candidate in leader election (hostname_uuid upstream). */
  identity?: string;
}

export function defaultOptions(): KubeControllerManagerOptions {
  return {
    controllers: ['*'],
    concurrentDeploymentSyncs: 5,
    concurrentEndpointSyncs: 5,
    concurrentServiceEndpointSyncs: 5,
    maxEndpointsPerSlice: 100,
    mirroringConcurrentServiceEndpointSyncs: 5,
    concurrentRSSyncs: 5,
    concurrentRCSyncs: 5,
    concurrentGCSyncs: 20,
    concurrentNamespaceSyncs: 10,
    concurrentServiceAccountTokenSyncs: 5,
    concurrentResourceQuotaSyncs: 5,
    concurrentJobSyncs: 5,
    concurrentCronJobSyncs: 5,
    concurrentDaemonSetSyncs: 2,
    concurrentStatefulSetSyncs: 5,
    concurrentHorizontalPodAutoscalerSyncs: 5,
    horizontalPodAutoscalerSyncPeriod: 15_000,
    horizontalPodAutoscalerDownscaleStabilizationWindow: 5 * 60_000,
    horizontalPodAutoscalerTolerance: 0.1,
    horizontalPodAutoscalerCPUInitializationPeriod: 5 * 60_000,
    horizontalPodAutoscalerInitialReadinessDelay: 30_000,
    enableGarbageCollector: true,
    nodeMonitorPeriod: 5_000,
    nodeMonitorGracePeriod: 40_000,
    nodeStartupGracePeriod: 60_000,
    podEvictionTimeout: 5 * 60_000,
    namespaceSyncPeriod: 5 * 60_000,
    rootCA: '',
    leaderElect: true,
    leaderElectLeaseDuration: 15_000,
    leaderElectRenewDeadline: 10_000,
    leaderElectRetryPeriod: 2_000,
    leaderElectResourceLock: 'configmaps',
    leaderElectResourceNamespace: 'kube-system',
    leaderElectResourceName: 'kube-controller-manager',
  };
}

type Kind = 'int' | 'float' | 'bool' | 'duration' | 'list' | 'string';
const flags: Record<string, [keyof KubeControllerManagerOptions, Kind]> = {
  controllers: ['controllers', 'list'],
  'concurrent-deployment-syncs': ['concurrentDeploymentSyncs', 'int'],
  'concurrent-endpoint-syncs': ['concurrentEndpointSyncs', 'int'],
  'endpoint-updates-batch-period': ['endpointUpdatesBatchPeriod', 'duration'],
  'concurrent-service-endpoint-syncs': ['concurrentServiceEndpointSyncs', 'int'],
  'max-endpoints-per-slice': ['maxEndpointsPerSlice', 'int'],
  'endpointslice-updates-batch-period': ['endpointSliceUpdatesBatchPeriod', 'duration'],
  'mirroring-concurrent-service-endpoint-syncs': ['mirroringConcurrentServiceEndpointSyncs', 'int'],
  'concurrent-replicaset-syncs': ['concurrentRSSyncs', 'int'],
  // Upstream spells this one with underscores; the dashed form is accepted too.
  concurrent_rc_syncs: ['concurrentRCSyncs', 'int'],
  'concurrent-rc-syncs': ['concurrentRCSyncs', 'int'],
  'concurrent-gc-syncs': ['concurrentGCSyncs', 'int'],
  'concurrent-namespace-syncs': ['concurrentNamespaceSyncs', 'int'],
  'concurrent-serviceaccount-token-syncs': ['concurrentServiceAccountTokenSyncs', 'int'],
  'concurrent-resource-quota-syncs': ['concurrentResourceQuotaSyncs', 'int'],
  'concurrent-job-syncs': ['concurrentJobSyncs', 'int'],
  'concurrent-cron-job-syncs': ['concurrentCronJobSyncs', 'int'],
  'concurrent-daemonset-syncs': ['concurrentDaemonSetSyncs', 'int'],
  'concurrent-statefulset-syncs': ['concurrentStatefulSetSyncs', 'int'],
  'concurrent-horizontal-pod-autoscaler-syncs': ['concurrentHorizontalPodAutoscalerSyncs', 'int'],
  'horizontal-pod-autoscaler-sync-period': ['horizontalPodAutoscalerSyncPeriod', 'duration'],
  'horizontal-pod-autoscaler-downscale-stabilization': ['horizontalPodAutoscalerDownscaleStabilizationWindow', 'duration'],
  'horizontal-pod-autoscaler-tolerance': ['horizontalPodAutoscalerTolerance', 'float'],
  'horizontal-pod-autoscaler-cpu-initialization-period': ['horizontalPodAutoscalerCPUInitializationPeriod', 'duration'],
  'horizontal-pod-autoscaler-initial-readiness-delay': ['horizontalPodAutoscalerInitialReadinessDelay', 'duration'],
  'enable-garbage-collector': ['enableGarbageCollector', 'bool'],
  'node-monitor-period': ['nodeMonitorPeriod', 'duration'],
  'node-monitor-grace-period': ['nodeMonitorGracePeriod', 'duration'],
  'node-startup-grace-period': ['nodeStartupGracePeriod', 'duration'],
  'pod-eviction-timeout': ['podEvictionTimeout', 'duration'],
  'namespace-sync-period': ['namespaceSyncPeriod', 'duration'],
  'leader-elect': ['leaderElect', 'bool'],
  'leader-elect-lease-duration': ['leaderElectLeaseDuration', 'duration'],
  'leader-elect-renew-deadline': ['leaderElectRenewDeadline', 'duration'],
  'leader-elect-retry-period': ['leaderElectRetryPeriod', 'duration'],
  'leader-elect-resource-lock': ['leaderElectResourceLock', 'string'],
  'leader-elect-resource-namespace': ['leaderElectResourceNamespace', 'string'],
  'leader-elect-resource-name': ['leaderElectResourceName', 'string'],
};

/** parseDuration reads Go durations: "40s", "5m0s", "1h30m", "250ms". */
export function parseDuration(s: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) throw new Error(`time: invalid duration "${s}"`);
    total += Number(m[1]) * units[m[2]!]!;
    pos = re.lastIndex;
  }
  if (!s.length) throw new Error(`time: invalid duration "${s}"`);
  return total;
}

/**
 * parseFlags applies --name=value / --name value / --bool flags onto the defaults. Flags it does not
 * know are returned in rest (the entry point handles --master, --kubeconfig, --root-ca-file).
 */
export function parseFlags(argv: string[], base = defaultOptions()): { options: KubeControllerManagerOptions; rest: string[] } {
  const options = { ...base } as Record<string, unknown>;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(arg);
    const spec = m ? flags[m[1]!] : undefined;
    if (!m || !spec) {
      rest.push(arg);
      continue;
    }
    const [field, kind] = spec;
    let value = m[2];
    if (value === undefined && kind !== 'bool') {
      value = argv[++i];
      if (value === undefined) throw new Error(`flag needs an argument: --${m[1]}`);
    }
    switch (kind) {
      case 'bool':
        if (value !== undefined && value !== 'true' && value !== 'false') throw new Error(`invalid argument "${value}" for "--${m[1]}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
        options[field] = value === undefined || value === 'true';
        break;
      case 'int':
        if (!/^-?\d+$/.test(value!)) throw new Error(`invalid argument "${value}" for "--${m[1]}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`);
        options[field] = Number(value);
        break;
      case 'float':
        if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value!)) throw new Error(`invalid argument "${value}" for "--${m[1]}" flag: strconv.ParseFloat: parsing "${value}": invalid syntax`);
        options[field] = Number(value);
        break;
      case 'duration':
        options[field] = parseDuration(value!);
        break;
      case 'list':
        options[field] = value!.split(',').filter(Boolean);
        break;
      default:
        options[field] = value;
    }
  }
  return { options: options as unknown as KubeControllerManagerOptions, rest };
}
