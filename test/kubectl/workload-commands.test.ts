// autoscale, create job/cronjob/quota, set image and top against the engine's API server.
import { describe, it, expect } from 'vitest';
import { newRealHarness, type RealHarness } from './real-harness.js';

async function deployment(h: RealHarness, name = 'web') {
  const r = await h.kubectl(`create deployment ${name} --image=nginx`);
  expect(r.stdout).toBe(`deployment.apps/${name} created\n`);
}

describe('kubectl autoscale', () => {
  it('creates an autoscaling/v1 HorizontalPodAutoscaler for a scalable target', async () => {
    const h = await newRealHarness();
    try {
      await deployment(h);
      expect(await h.kubectl('autoscale deployment web --max=5')).toEqual({ code: 0, stdout: 'horizontalpodautoscaler.autoscaling/web autoscaled\n', stderr: '' });
      const hpa = (await h.ts.json('GET', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/web')).body;
      expect(hpa.spec).toEqual({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 80 });
      expect((await h.kubectl('autoscale deployment web --max=5')).stderr).toBe('Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists\n');
      const dry = await h.kubectl('autoscale deploy/web --min=2 --max=5 --cpu-percent=80 --name=web2 -o yaml --dry-run=client');
      expect(dry.stdout).toBe(
        'apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  creationTimestamp: null\n  name: web2\nspec:\n  maxReplicas: 5\n  minReplicas: 2\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  targetCPUUtilizationPercentage: 80\nstatus:\n  currentReplicas: 0\n  desiredReplicas: 0\n',
      );
      expect((await h.kubectl('autoscale deployment web --min=6 --max=5')).stderr).toBe('error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 5, min: 6\n');
      expect((await h.kubectl('autoscale deployment web --max=0')).stderr).toBe('error: --max=MAXPODS is required and must be at least 1, max: 0\n');
      expect((await h.kubectl('autoscale rc nope --max=3')).stderr).toBe('Error from server (NotFound): replicationcontrollers "nope" not found\n');
      await h.ts.json('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
      expect((await h.kubectl('autoscale pod p --max=3')).stderr).toBe('error: cannot autoscale a Pod: could not find scale subresource for /v1, Resource=pods in discovery information\n');
    } finally {
      await h.close();
    }
  });
});

describe('kubectl create job, cronjob and quota', () => {
  it('generates the objects kubectl generates', async () => {
    const h = await newRealHarness();
    try {
      const job = await h.kubectl('create job j2 --image=busybox -o yaml --dry-run=client -- echo hi');
      expect(job.stdout).toBe(
        'apiVersion: batch/v1\nkind: Job\nmetadata:\n  creationTimestamp: null\n  name: j2\nspec:\n  template:\n    metadata:\n      creationTimestamp: null\n    spec:\n      containers:\n      - command:\n        - echo\n        - hi\n        image: busybox\n        name: j2\n        resources: {}\n      restartPolicy: Never\nstatus: {}\n',
      );
      expect(await h.kubectl('create job j1 --image=busybox')).toEqual({ code: 0, stdout: 'job.batch/j1 created\n', stderr: '' });
      expect((await h.kubectl('create job j1 --image=busybox')).stderr).toBe('error: failed to create job: jobs.batch "j1" already exists\n');
      expect((await h.kubectl('create job j4')).stderr).toBe('error: either --image or --from must be specified\n');
      const cj = await h.kubectl(['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/1 * * * *', '-o', 'yaml', '--dry-run=client', '--', 'date']);
      expect(cj.stdout).toBe(
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  creationTimestamp: null\n  name: cj\nspec:\n  jobTemplate:\n    metadata:\n      creationTimestamp: null\n      name: cj\n    spec:\n      template:\n        metadata:\n          creationTimestamp: null\n        spec:\n          containers:\n          - command:\n            - date\n            image: busybox\n            name: cj\n            resources: {}\n          restartPolicy: OnFailure\n  schedule: '*/1 * * * *'\nstatus: {}\n",
      );
      expect((await h.kubectl(['create', 'cronjob', 'cj', '--image=busybox', '--schedule=* * * * *'])).stdout).toBe('cronjob.batch/cj created\n');
      expect((await h.kubectl('create cronjob cj2 --image=busybox')).stderr).toBe('error: required flag(s) "schedule" not set\n');
      const from = await h.kubectl('create job manual --from=cronjob/cj');
      expect(from.stdout).toBe('job.batch/manual created\n');
      const made = (await h.ts.json('GET', '/apis/batch/v1/namespaces/default/jobs/manual')).body;
      const cjObj = (await h.ts.json('GET', '/apis/batch/v1/namespaces/default/cronjobs/cj')).body;
      expect(made.metadata.annotations).toEqual({ 'cronjob.kubernetes.io/instantiate': 'manual' });
      expect(made.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'cj', uid: cjObj.metadata.uid, controller: true }]);
      expect(made.spec.template.spec.containers[0].image).toBe('busybox');
      expect((await h.kubectl('create job x --from=cronjob/nope')).stderr).toBe('Error from server (NotFound): cronjobs.batch "nope" not found\n');
      await deployment(h);
      expect((await h.kubectl('create job x --from=deploy/web')).stderr).toBe('error: unknown object type *v1.Deployment\n');

      const q = await h.kubectl('create quota q --hard=cpu=1,memory=1G,pods=2 --scopes=BestEffort -o yaml --dry-run=client');
      expect(q.stdout).toBe('apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  creationTimestamp: null\n  name: q\nspec:\n  hard:\n    cpu: "1"\n    memory: 1G\n    pods: "2"\n  scopes:\n  - BestEffort\nstatus: {}\n');
      expect((await h.kubectl('create quota q3 --hard=pods=4')).stdout).toBe('resourcequota/q3 created\n');
      expect((await h.kubectl('create quota q3')).stderr).toBe('error: failed to create quota: resourcequotas "q3" already exists\n');
      expect((await h.kubectl('create quota q4 --hard=foo')).stderr).toBe('error: Invalid argument syntax foo, expected <resource>=<value>\n');
    } finally {
      await h.close();
    }
  });
});

describe('kubectl set image', () => {
  it('patches container images of deployments and replication controllers', async () => {
    const h = await newRealHarness();
    try {
      await deployment(h);
      const image = async (path: string) => (await h.ts.json('GET', path)).body.spec.template.spec.containers[0].image;
      expect(await h.kubectl('set image deployment/web nginx=nginx:1.11.9')).toEqual({ code: 0, stdout: 'deployment.apps/web image updated\n', stderr: '' });
      expect(await image('/apis/apps/v1/namespaces/default/deployments/web')).toBe('nginx:1.11.9');
      expect(await h.kubectl('set image deployment/web nginx=nginx:1.11.9')).toEqual({ code: 0, stdout: '', stderr: '' });
      expect((await h.kubectl('set image deployment/web nope=nginx:1')).stderr).toBe('error: unable to find container named "nope"\n');
      expect((await h.kubectl('set image deployment web nginx=nginx:1.12 -o name')).stdout).toBe('deployment.apps/web\n');
      expect((await h.kubectl('set image deploy/web *=nginx:1.13')).stdout).toBe('deployment.apps/web image updated\n');
      expect((await h.kubectl('set image deploy/web')).stderr).toBe('error: at least one image update is required\n');
      expect((await h.kubectl('set image deploy/nope nginx=x')).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
      expect((await h.kubectl('set image deploy/web nginx=nginx:1 --dry-run=client -o jsonpath={.spec.template.spec.containers[0].image}')).stdout).toBe('nginx:1');
      expect(await image('/apis/apps/v1/namespaces/default/deployments/web')).toBe('nginx:1.13');
      await h.ts.json('POST', '/api/v1/namespaces/default/replicationcontrollers', {
        apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'frontend' },
        spec: { replicas: 1, selector: { app: 'fe' }, template: { metadata: { labels: { app: 'fe' } }, spec: { containers: [{ name: 'php', image: 'guestbook:v1' }] } } },
      });
      expect((await h.kubectl('set image rc/frontend php=guestbook:v2')).stdout).toBe('replicationcontroller/frontend image updated\n');
      expect(await image('/api/v1/namespaces/default/replicationcontrollers/frontend')).toBe('guestbook:v2');
    } finally {
      await h.close();
    }
  });
});

describe('kubectl top', () => {
  it('answers as kubectl does when no metrics API is served', async () => {
    const h = await newRealHarness();
    try {
      for (const line of ['top node', 'top pod', 'top pods -A', 'top node node-1'])
        expect(await h.kubectl(line), line).toEqual({ code: 1, stdout: '', stderr: 'error: Metrics API not available\n' });
    } finally {
      await h.close();
    }
  });
});
