import { describe, it, expect } from 'vitest';
import { errorString } from '../apimachinery/util/validation/field/errors.js';
import { setObjectDefaults } from './defaults.js';
import { validateObject, validateObjectUpdate } from './validation.js';
import { podUpdateForbiddenMessage } from './core/validation/validation-pod.js';

type GVK = { group: string; version: string; kind: string };
const core = (kind: string): GVK => ({ group: '', version: 'v1', kind });
const apps = (kind: string): GVK => ({ group: 'apps', version: 'v1', kind });
const batch = (kind: string): GVK => ({ group: 'batch', version: 'v1', kind });

/** check defaults a copy (as the server does) and returns the printed errors. */
function check(gvk: GVK, obj: any): string[] {
  const o = structuredClone(obj);
  setObjectDefaults(gvk, o);
  return validateObject(gvk, o).map(errorString);
}

const md = (name = 'x') => ({ name, namespace: 'default' });
const container = (over: object = {}) => ({ name: 'web', image: 'nginx:1.25', ...over });
const pod = (spec: object) => ({ metadata: md('p'), spec: { containers: [container()], ...spec } });

describe('pod validation', () => {
  it.each([
    ['valid pod', pod({}), []],
    ['no containers', pod({ containers: [] }), ['spec.containers: Required value']],
    ['missing image', pod({ containers: [{ name: 'web' }] }), ['spec.containers[0].image: Required value']],
    ['duplicate container names', pod({ containers: [container(), container()] }), ['spec.containers[1].name: Duplicate value: "web"']],
    ['bad container name', pod({ containers: [container({ name: 'Web' })] }), [expect.stringMatching(/^spec\.containers\[0\]\.name: Invalid value: "Web": a lowercase RFC 1123 label/)]],
    ['port out of range', pod({ containers: [container({ ports: [{ containerPort: 70000 }] })] }), ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    ['duplicate port names', pod({ containers: [container({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] })] }), ['spec.containers[0].ports[1].name: Duplicate value: "http"']],
    ['bad protocol', pod({ containers: [container({ ports: [{ containerPort: 80, protocol: 'HTTP' }] })] }), ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"']],
    ['restartPolicy', pod({ restartPolicy: 'Sometimes' }), ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']],
    ['unknown volume mount', pod({ containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/d' }] })] }), ['spec.containers[0].volumeMounts[0].name: Not found: "data"']],
    ['two volume sources', pod({ volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/x' } }] }), ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type']],
    ['bad env name', pod({ containers: [container({ env: [{ name: '1X', value: 'a' }] })] }), [expect.stringMatching(/^spec\.containers\[0\]\.env\[0\]\.name: Invalid value: "1X": a valid environment variable name/)]],
    ['liveness success threshold', pod({ containers: [container({ livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 } })] }), ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1']],
    ['probe without handler', pod({ containers: [container({ readinessProbe: { periodSeconds: 5 } })] }), ['spec.containers[0].readinessProbe: Required value: must specify a handler type']],
    ['request above limit', pod({ containers: [container({ resources: { limits: { cpu: '1' }, requests: { cpu: '2' } } })] }), ['spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1']],
    ['request above limit in other units', pod({ containers: [container({ resources: { limits: { memory: '1Gi' }, requests: { memory: '1100M' } } })] }), ['spec.containers[0].resources.requests[memory]: Invalid value: "1100M": must be less than or equal to memory limit of 1Gi']],
    ['request equal to limit in other units', pod({ containers: [container({ resources: { limits: { cpu: '1' }, requests: { cpu: '1000m' } } })] }), []],
    ['negative limit', pod({ containers: [container({ resources: { limits: { cpu: '-1' } } })] }), [
      // Defaults copy limits into missing requests, so both are reported, as upstream does.
      'spec.containers[0].resources.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0',
      'spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0',
    ]],
    ['unparsable limit', pod({ containers: [container({ resources: { limits: { cpu: '1 core' } } })] }), [
      `spec.containers[0].resources.limits[cpu]: Invalid value: "1 core": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      `spec.containers[0].resources.requests[cpu]: Invalid value: "1 core": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ]],
    ['toleration', pod({ tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }), [expect.stringContaining("value must be empty when `operator` is 'Exists'")]],
  ])('%s', (_n, obj, want) => {
    expect(check(core('Pod'), obj)).toEqual(want);
  });

  it('allows only image, activeDeadlineSeconds and added tolerations to change', () => {
    const old = pod({});
    (old.metadata as any).resourceVersion = '1';
    setObjectDefaults(core('Pod'), old);
    const newImage = structuredClone(old) as any;
    newImage.spec.containers[0].image = 'nginx:1.26';
    newImage.spec.tolerations = [{ key: 'a', operator: 'Exists' }];
    expect(validateObjectUpdate(core('Pod'), newImage, old)).toEqual([]);
    const newPort = structuredClone(old) as any;
    newPort.spec.containers[0].ports = [{ containerPort: 80, protocol: 'TCP' }];
    const errs = validateObjectUpdate(core('Pod'), newPort, old).map(errorString);
    expect(errs).toHaveLength(1);
    expect(errs[0]!.startsWith(`spec: Forbidden: ${podUpdateForbiddenMessage}\n`)).toBe(true);
    const extra = structuredClone(old) as any;
    extra.spec.containers.push(container({ name: 'b' }));
    expect(validateObjectUpdate(core('Pod'), extra, old).map(errorString)).toContain('spec.containers: Forbidden: pod updates may not add or remove containers');
  });
});

describe('service validation', () => {
  const svc = (spec: object) => ({ metadata: md('web'), spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec } });
  it.each([
    ['valid', svc({}), []],
    ['DNS-1035 name', { ...svc({}), metadata: md('1web') }, [expect.stringMatching(/^metadata\.name: Invalid value: "1web": a DNS-1035 label/)]],
    ['no ports', svc({ ports: [] }), ['spec.ports: Required value']],
    ['two unnamed ports', svc({ ports: [{ port: 80 }, { port: 81 }] }), ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']],
    ['duplicate port', svc({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }), ['spec.ports[1]: Duplicate value: {"protocol":"TCP","port":80}']],
    ['nodePort on ClusterIP', svc({ ports: [{ port: 80, nodePort: 30080 }] }), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
    ['bad type', svc({ type: 'Public' }), ['spec.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
    ['bad cluster IP', svc({ clusterIP: '10.0.0.300' }), ['spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
    ['headless without ports', svc({ clusterIP: 'None', ports: [] }), []],
    ['bad targetPort name', svc({ ports: [{ port: 80, targetPort: 'HTTP_PORT' }] }), [
      'spec.ports[0].targetPort: Invalid value: "HTTP_PORT": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ports[0].targetPort: Invalid value: "HTTP_PORT": must contain at least one letter (a-z)',
    ]],
  ])('%s', (_n, obj, want) => {
    expect(check(core('Service'), obj)).toEqual(want);
  });

  it('keeps the cluster IP once set', () => {
    const old: any = svc({ clusterIP: '10.254.0.5' });
    old.metadata.resourceVersion = '1';
    setObjectDefaults(core('Service'), old);
    const next = structuredClone(old);
    next.spec.clusterIP = '10.254.0.6';
    next.spec.clusterIPs = ['10.254.0.6'];
    expect(validateObjectUpdate(core('Service'), next, old).map(errorString)).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.254.0.6"}: may not change once set',
    ]);
  });
});

describe('other core kinds', () => {
  const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [container()] } };
  it.each([
    ['rc selector mismatch', core('ReplicationController'), { metadata: md(), spec: { selector: { app: 'y' }, template } },
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`']],
    ['rc negative replicas', core('ReplicationController'), { metadata: md(), spec: { replicas: -1, template } },
      ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    ['secret key', core('Secret'), { metadata: md(), data: { 'a b': 'eA==' } }, [expect.stringMatching(/^data\[a b\]: Invalid value: "a b": a valid config key/)]],
    ['secret too big', core('Secret'), { metadata: md(), stringData: { big: 'x'.repeat(1048577) } }, ['data: Too long: may not be more than 1048576 bytes']],
    ['tls secret', core('Secret'), { metadata: md(), type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } }, ['data[tls.key]: Required value']],
    ['configmap dup', core('ConfigMap'), { metadata: md(), data: { a: '1' }, binaryData: { a: 'eA==' } }, ['binaryData[a]: Invalid value: "a": duplicate of key present in data']],
    ['namespace name', core('Namespace'), { metadata: { name: 'Dev' } }, [expect.stringMatching(/^metadata\.name: Invalid value: "Dev": a lowercase RFC 1123 label/)]],
    ['namespace finalizer', core('Namespace'), { metadata: { name: 'dev' }, spec: { finalizers: ['foo'] } },
      ['spec.finalizers: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified']],
    ['binding', core('Binding'), { metadata: md(), target: { kind: 'Pod' } }, ['target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"', 'target.name: Required value']],
    ['pvc', core('PersistentVolumeClaim'), { metadata: md(), spec: { resources: { requests: { storage: '1Gi' } } } },
      ['spec.accessModes: Required value: at least 1 access mode is required']],
    ['pv', core('PersistentVolume'), { metadata: { name: 'pv' }, spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } },
      ['spec: Required value: must specify a volume type']],
  ])('%s', (_n, gvk, obj, want) => {
    expect(check(gvk, obj)).toEqual(want);
  });

  it('immutable secrets and config maps', () => {
    const old = { metadata: { ...md(), resourceVersion: '1' }, immutable: true, data: { a: 'eA==' } };
    const next = { ...structuredClone(old), data: { a: 'eQ==' } };
    expect(validateObjectUpdate(core('ConfigMap'), next, old).map(errorString)).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
    expect(validateObjectUpdate(core('Secret'), { ...next, type: 'Opaque' }, { ...old, type: 'Opaque' }).map(errorString)).toEqual([
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });
});

describe('apps and batch validation', () => {
  const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [container()] } };
  const deploy = (spec: object) => ({ metadata: md(), spec: { selector: { matchLabels: { app: 'x' } }, template, ...spec } });
  it.each([
    ['valid deployment', apps('Deployment'), deploy({}), []],
    ['selector mismatch', apps('Deployment'), deploy({ selector: { matchLabels: { app: 'y' } } }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`']],
    ['missing selector', apps('Deployment'), { metadata: md(), spec: { template } }, ['spec.selector: Required value']],
    ['zero surge and unavailable', apps('Deployment'), deploy({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0']],
    ['recreate with rollingUpdate', apps('Deployment'), deploy({ strategy: { type: 'Recreate', rollingUpdate: {} } }),
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]],
    ['template restartPolicy', apps('ReplicaSet'), { metadata: md(), spec: { selector: { matchLabels: { app: 'x' } }, template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } } } },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']],
    ['daemon set', apps('DaemonSet'), { metadata: md(), spec: { selector: { matchLabels: { app: 'x' } }, template } }, []],
    ['stateful set', apps('StatefulSet'), { metadata: md(), spec: { selector: { matchLabels: { app: 'x' } }, template, serviceName: 'x' } }, []],
    ['job restartPolicy', batch('Job'), { metadata: md(), spec: { selector: { matchLabels: { app: 'x' } }, template } },
      ['spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"']],
    ['cron schedule', batch('CronJob'), { metadata: md(), spec: { schedule: '* * *', jobTemplate: { spec: { template: { ...template, spec: { ...template.spec, restartPolicy: 'OnFailure' } } } } } },
      ['spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]']],
    ['cron name length', batch('CronJob'), { metadata: md('c'.repeat(53)), spec: { schedule: '@hourly', jobTemplate: { spec: { template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } } } } } },
      [`metadata.name: Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`]],
  ])('%s', (_n, gvk, obj, want) => {
    expect(check(gvk, obj)).toEqual(want);
  });

  it('apps/v1 selectors are immutable', () => {
    const old: any = deploy({});
    old.metadata.resourceVersion = '1';
    setObjectDefaults(apps('Deployment'), old);
    const next = structuredClone(old);
    next.spec.selector = { matchLabels: { app: 'x', tier: 'web' } };
    next.spec.template.metadata.labels.tier = 'web';
    expect(validateObjectUpdate(apps('Deployment'), next, old).map(errorString)).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"x","tier":"web"}}: field is immutable',
    ]);
  });

  it('scale replicas must not be negative', () => {
    expect(validateObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' }, { spec: { replicas: -2 } }).map(errorString)).toEqual([
      'spec.replicas: Invalid value: -2: must be greater than or equal to 0',
    ]);
  });
});

describe('StatefulSet templates', () => {
  it('accept mounts of volumes that volumeClaimTemplates provide', () => {
    const set = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        serviceName: 'web',
        replicas: 2,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate' },
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] },
        },
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    };
    expect(validateObject({ group: 'apps', version: 'v1', kind: 'StatefulSet' }, set)).toEqual([]);
  });
});
