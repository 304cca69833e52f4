// Mirrors pkg/kubelet/events/event.go: the reasons of the events the kubelet records.

// Container event reasons.
export const CreatedContainer = 'Created';
export const StartedContainer = 'Started';
export const FailedToCreateContainer = 'Failed';
export const FailedToStartContainer = 'Failed';
export const KillingContainer = 'Killing';
export const PreemptContainer = 'Preempting';
export const BackOffStartContainer = 'BackOff';
export const ExceededGracePeriod = 'ExceededGracePeriod';

// Pod event reasons.
export const FailedToKillPod = 'FailedKillPod';
export const FailedToCreatePodContainer = 'FailedCreatePodContainer';
export const NetworkNotReady = 'NetworkNotReady';

// Image event reasons.
export const PullingImage = 'Pulling';
export const PulledImage = 'Pulled';
export const FailedToPullImage = 'Failed';
export const FailedToInspectImage = 'InspectFailed';
export const ErrImageNeverPullPolicy = 'ErrImageNeverPull';
export const BackOffPullImage = 'BackOff';

// Kubelet and node event reasons.
export const NodeReady = 'NodeReady';
export const NodeNotReady = 'NodeNotReady';
export const StartingKubelet = 'Starting';
export const NodeAllocatableEnforced = 'NodeAllocatableEnforced';
export const RegisteredNode = 'RegisteredNode';
export const OOMKilling = 'OOMKilling';

// Volume event reasons.
export const FailedMountVolume = 'FailedMount';
export const SuccessfulMountVolume = 'SuccessfulMountVolume';

// Sandbox event reasons.
export const FailedCreatePodSandBox = 'FailedCreatePodSandBox';
export const SandboxChanged = 'SandboxChanged';

// Probe event reasons.
export const ContainerUnhealthy = 'Unhealthy';
export const ContainerProbeWarning = 'ProbeWarning';

// Lifecycle hook event reasons.
export const FailedPreStopHook = 'FailedPreStopHook';
export const FailedPostStartHook = 'FailedPostStartHook';
