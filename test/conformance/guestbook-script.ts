// The conformance script: the guestbook's objects created, applied, read, described, scaled,
// labelled, patched and deleted with kubectl, plus the errors bad manifests must get. The same
// steps run with the real kubectl binary and with Kubelab's kubectl.

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Step {
  name: string;
  args: string[];
  /** exit is the expected exit code (0 when omitted). */
  exit?: number;
  stdout?: RegExp[];
  stderr?: RegExp[];
  /** stdoutExact compares the whole output after trimming trailing whitespace. */
  stdoutExact?: string;
}

const gb = 'guestbook';
const bad = 'bad';

export const guestbookSteps: Step[] = [
  { name: 'server version', args: ['version', '-o', 'json'], stdout: [/"serverVersion"/, /"gitVersion": "v1\.32\.\d+/] },
  {
    name: 'api-resources lists apps and core kinds',
    args: ['api-resources'],
    stdout: [/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND/m, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/m, /^replicationcontrollers\s+rc\s+v1\s+true\s+ReplicationController/m],
  },
  { name: 'create the master controller', args: ['create', '-f', `${gb}/01-redis-master-controller.yaml`], stdoutExact: 'replicationcontroller/redis-master created' },
  {
    name: 'create it twice is AlreadyExists',
    args: ['create', '-f', `${gb}/01-redis-master-controller.yaml`],
    exit: 1,
    stderr: [/Error from server \(AlreadyExists\): error when creating ".*01-redis-master-controller\.yaml": replicationcontrollers "redis-master" already exists/],
  },
  {
    name: 'apply the whole folder',
    args: ['apply', '-f', gb],
    stdout: [/^replicationcontroller\/redis-master configured$/m, /^service\/redis-master created$/m, /^replicationcontroller\/redis-slave created$/m, /^service\/frontend created$/m],
  },
  {
    name: 'apply again changes nothing',
    args: ['apply', '-f', gb],
    stdout: [/^replicationcontroller\/redis-master unchanged$/m, /^service\/frontend unchanged$/m],
  },
  { name: 'get rc prints the real columns', args: ['get', 'rc'], stdout: [/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE$/m, /^frontend\s+3\s+0\s+0\s+\d+s$/m, /^redis-slave\s+2\s+/m] },
  { name: 'get rc -o wide', args: ['get', 'rc', 'frontend', '-o', 'wide'], stdout: [/CONTAINERS\s+IMAGES\s+SELECTOR/, /web\s+kubelab\/guestbook-frontend:v1\s+app=guestbook,tier=frontend/] },
  { name: 'frontend has node port 30001', args: ['get', 'svc', 'frontend', '-o', 'jsonpath={.spec.ports[0].nodePort}'], stdoutExact: '30001' },
  { name: 'get svc shows NodePort and ports', args: ['get', 'svc'], stdout: [/^frontend\s+NodePort\s+10\.254\.\d+\.\d+\s+<none>\s+80:30001\/TCP\s+\d+s$/m, /^kubernetes\s+ClusterIP\s+10\.254\.0\.1\s+<none>\s+443\/TCP/m] },
  { name: 'describe the frontend service', args: ['describe', 'svc', 'frontend'], stdout: [/^Name:\s+frontend$/m, /^Type:\s+NodePort$/m, /^NodePort:\s+<unset>\s+30001\/TCP$/m, /^Selector:\s+app=guestbook,tier=frontend$/m] },
  { name: 'scale the replicas', args: ['scale', 'rc', 'redis-slave', '--replicas=3'], stdoutExact: 'replicationcontroller/redis-slave scaled' },
  { name: 'scale took effect', args: ['get', 'rc', 'redis-slave', '-o', 'jsonpath={.spec.replicas}'], stdoutExact: '3' },
  { name: 'label the frontend', args: ['label', 'rc', 'frontend', 'env=test'], stdoutExact: 'replicationcontroller/frontend labeled' },
  { name: 'select by the new label', args: ['get', 'rc', '-l', 'env=test', '-o', 'name'], stdoutExact: 'replicationcontroller/frontend' },
  { name: 'set-based selector', args: ['get', 'rc', '-l', 'role in (master,slave)', '-o', 'name'], stdoutExact: 'replicationcontroller/redis-master\nreplicationcontroller/redis-slave' },
  { name: 'relabel without --overwrite fails', args: ['label', 'rc', 'frontend', 'env=prod'], exit: 1, stderr: [/'env' already has a value \(test\), and --overwrite is false/] },
  { name: 'strategic merge patch', args: ['patch', 'svc', 'frontend', '-p', '{"metadata":{"annotations":{"owner":"team-a"}}}'], stdoutExact: 'service/frontend patched' },
  { name: 'json patch', args: ['patch', 'rc', 'frontend', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":4}]'], stdoutExact: 'replicationcontroller/frontend patched' },
  { name: 'json patch took effect', args: ['get', 'rc', 'frontend', '-o', 'jsonpath={.spec.replicas}'], stdoutExact: '4' },
  { name: 'no pods yet', args: ['get', 'pods'], stderr: [/No resources found in default namespace\./] },
  { name: 'missing object', args: ['get', 'rc', 'nope'], exit: 1, stderr: [/Error from server \(NotFound\): replicationcontrollers "nope" not found/] },
  {
    name: 'node port outside the range',
    args: ['create', '-f', `${bad}/nodeport-out-of-range.yaml`],
    exit: 1,
    stderr: [/The Service "bad-nodeport" is invalid: spec\.ports\[0\]\.nodePort: Invalid value: 80: provided port is not in the valid range\. The range of valid ports is 30000-32767/],
  },
  {
    name: 'selector that does not match the template',
    args: ['create', '-f', `${bad}/selector-mismatch.yaml`],
    exit: 1,
    stderr: [/The ReplicationController "mismatched" is invalid: spec\.template\.metadata\.labels: Invalid value: map\[string\]string\{"app":"two"\}: `selector` does not match template `labels`/],
  },
  { name: 'unknown field', args: ['create', '-f', `${bad}/unknown-field.yaml`], exit: 1, stderr: [/strict decoding error: unknown field "spec\.containers\[0\]\.imagee"/] },
  { name: 'invalid name', args: ['create', '-f', `${bad}/bad-name.yaml`], exit: 1, stderr: [/The ConfigMap "Not_A_Valid_Name" is invalid: metadata\.name: Invalid value: "Not_A_Valid_Name": a lowercase RFC 1123 subdomain must consist of/] },
  { name: 'duplicate port names', args: ['create', '-f', `${bad}/duplicate-ports.yaml`], exit: 1, stderr: [/The Service "twice" is invalid: \n\* spec\.ports\[1\]\.name: Duplicate value: "http"\n/] },
  { name: 'cluster IP outside the range', args: ['create', '-f', `${bad}/clusterip-outside-range.yaml`], exit: 1, stderr: [/The Service "elsewhere" is invalid: spec\.clusterIPs(\[0\])?: Invalid value: .*10\.0\.0\.5.*The range of valid IPs is 10\.254\.0\.0\/16/] },
  {
    name: 'delete the guestbook',
    args: ['delete', '-f', gb],
    stdout: [/^replicationcontroller "redis-master" deleted$/m, /^service "frontend" deleted$/m],
  },
  { name: 'nothing left', args: ['get', 'rc,svc', '-l', 'app'], stderr: [/No resources found in default namespace\./] },
  // The `create <kind>` generators go through client-go's typed clientset: the real kubectl sends
  // these bodies as application/vnd.kubernetes.protobuf, so the server must decode protobuf.
  { name: 'create deployment', args: ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2'], stdoutExact: 'deployment.apps/web created' },
  {
    name: 'created deployment as YAML',
    args: ['get', 'deployment', 'web', '-o', 'yaml'],
    stdout: [/^kind: Deployment$/m, /^  replicas: 2$/m, /^      app: web$/m, /^      - image: nginx:1\.27$/m, /^        name: nginx$/m],
  },
  { name: 'create namespace', args: ['create', 'namespace', 'team-a'], stdoutExact: 'namespace/team-a created' },
  { name: 'created namespace is active', args: ['get', 'namespace', 'team-a', '-o', 'jsonpath={.status.phase}'], stdoutExact: 'Active' },
  { name: 'create configmap from literals', args: ['create', 'configmap', 'app-config', '--from-literal=color=blue', '--from-literal=size=L'], stdoutExact: 'configmap/app-config created' },
  { name: 'created configmap as YAML', args: ['get', 'configmap', 'app-config', '-o', 'yaml'], stdout: [/^data:\n  color: blue\n  size: L$/m, /^kind: ConfigMap$/m] },
  { name: 'create generic secret', args: ['create', 'secret', 'generic', 'db-pass', '--from-literal=password=s3cr3t'], stdoutExact: 'secret/db-pass created' },
  { name: 'created secret keeps base64 data', args: ['get', 'secret', 'db-pass', '-o', 'yaml'], stdout: [/^  password: czNjcjN0$/m, /^type: Opaque$/m] },
  { name: 'create nodeport service', args: ['create', 'service', 'nodeport', 'web', '--tcp=80:8080'], stdoutExact: 'service/web created' },
  {
    name: 'created service ports',
    args: ['get', 'service', 'web', '-o', 'jsonpath={.spec.type} {.spec.ports[0].name} {.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.selector.app}'],
    stdoutExact: 'NodePort 80-8080 80 8080 web',
  },
  { name: 'create serviceaccount', args: ['create', 'serviceaccount', 'bot'], stdoutExact: 'serviceaccount/bot created' },
  { name: 'created serviceaccount', args: ['get', 'serviceaccount', 'bot', '-o', 'name'], stdoutExact: 'serviceaccount/bot' },
];

/**
 * typedCreateSteps are more typed-client generators (protobuf bodies from the real kubectl) that
 * Kubelab's kubectl does not offer yet; they run with the real binary only, after guestbookSteps.
 */
export const typedCreateSteps: Step[] = [
  { name: 'create job', args: ['create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi'], stdoutExact: 'job.batch/once created' },
  { name: 'created job command', args: ['get', 'job', 'once', '-o', 'jsonpath={.spec.template.spec.containers[0].command}'], stdoutExact: '["echo","hi"]' },
  { name: 'create cronjob', args: ['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date'], stdoutExact: 'cronjob.batch/tick created' },
  { name: 'created cronjob', args: ['get', 'cronjob', 'tick', '-o', 'yaml'], stdout: [/^  schedule: '\*\/5 \* \* \* \*'$/m, /^          restartPolicy: OnFailure$/m] },
  { name: 'create job from the cronjob', args: ['create', 'job', 'from-tick', '--from=cronjob/tick'], stdoutExact: 'job.batch/from-tick created' },
  {
    name: 'job from the cronjob is owned by it',
    args: ['get', 'job', 'from-tick', '-o', 'jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} {.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}'],
    stdoutExact: 'CronJob/tick manual',
  },
  { name: 'create quota', args: ['create', 'quota', 'q1', '--hard=pods=10,cpu=4,memory=8Gi'], stdoutExact: 'resourcequota/q1 created' },
  { name: 'created quota', args: ['get', 'quota', 'q1', '-o', 'jsonpath={.spec.hard.pods} {.spec.hard.cpu} {.spec.hard.memory}'], stdoutExact: '10 4 8Gi' },
];

/** checkStep returns the reasons a result does not meet a step's expectations (empty = pass). */
export function checkStep(step: Step, result: KubectlResult): string[] {
  const problems: string[] = [];
  const expectedExit = step.exit ?? 0;
  if (result.code !== expectedExit) problems.push(`exit code ${result.code}, want ${expectedExit}`);
  if (step.stdoutExact !== undefined && result.stdout.trimEnd() !== step.stdoutExact) {
    problems.push(`stdout ${JSON.stringify(result.stdout)}, want ${JSON.stringify(step.stdoutExact)}`);
  }
  for (const re of step.stdout ?? []) if (!re.test(result.stdout)) problems.push(`stdout lacks ${re}: ${JSON.stringify(result.stdout)}`);
  for (const re of step.stderr ?? []) if (!re.test(result.stderr)) problems.push(`stderr lacks ${re}: ${JSON.stringify(result.stderr)}`);
  return problems;
}
