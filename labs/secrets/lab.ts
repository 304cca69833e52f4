// Secrets: a secret made from literals, used by a pod both as files (a secret volume) and as an
// environment variable (secretKeyRef). The pod's name is the learner's choice.
import type { Pod, Secret } from '../../engine/api/core/v1/types.js';
import { defineLab, helpers as h, type CheckContext, type CheckOutcome } from '../../engine/grader/index.js';

const secretName = 'db-credentials';
const mountPath = '/etc/db-credentials';

const mountsSecret = (p: Pod) => {
  const vols = new Set((p.spec?.volumes ?? []).filter((v) => v.secret?.secretName === secretName).map((v) => v.name));
  return (p.spec?.containers ?? []).some((c) => (c.volumeMounts ?? []).some((m) => vols.has(m.name) && m.mountPath.replace(/\/+$/, '') === mountPath));
};
const envRef = (p: Pod) =>
  (p.spec?.containers ?? []).flatMap((c) => c.env ?? []).find((e) => e.name === 'DB_PASSWORD');

/** consumers lists the pods that use the secret in any way. */
async function consumers(ctx: CheckContext): Promise<Pod[]> {
  const pods = (await ctx.client.coreV1().pods(ctx.namespace).list()).items;
  return pods.filter((p) => !p.metadata.deletionTimestamp && (mountsSecret(p) || envRef(p) || (p.spec?.volumes ?? []).some((v) => v.secret)));
}

function decode(s: Secret, key: string): string | undefined {
  const v = s.data?.[key];
  return v === undefined ? undefined : atob(v);
}

export default defineLab({
  id: 'secrets',
  title: { en: 'Hand a secret to a pod', 'zh-cn': '把 Secret 交给 Pod' },
  chapter: 'security/secrets',
  estimatedMinutes: 15,
  cluster: { nodes: 2 },
  checks: [
    {
      id: 'secret',
      name: { en: 'Secret db-credentials holds username and password', 'zh-cn': 'Secret db-credentials 包含 username 和 password' },
      hint: {
        en: '`kubectl create secret generic` makes an Opaque secret, one key per --from-literal. `kubectl describe secret` lists the keys without showing the values; key names must be spelled exactly.',
        'zh-cn': '`kubectl create secret generic` 会创建 Opaque 类型的 Secret，每个 --from-literal 对应一个键。`kubectl describe secret` 会列出键名而不显示值；键名必须拼写准确。',
      },
      async run(ctx): Promise<CheckOutcome> {
        const s = await h.getOrUndefined(ctx.client.coreV1().secrets(ctx.namespace).get(secretName));
        if (!s) return h.fail(`secret "${secretName}" not found`);
        const keys = Object.keys(s.data ?? {}).sort();
        const what = `secret ${secretName} (type ${s.type ?? 'Opaque'}, keys ${keys.join(',') || 'none'})`;
        if ((s.type ?? 'Opaque') !== 'Opaque') return h.fail(`${what}: should be a generic (Opaque) secret`);
        if (keys.join(',') !== 'password,username') return h.fail(`${what}: should hold exactly the keys password and username`);
        if (decode(s, 'username') !== 'kubelab') return h.fail(`${what}: username is not the one the task gives`);
        if (!decode(s, 'password')) return h.fail(`${what}: password is empty`);
        return h.pass(what);
      },
    },
    {
      id: 'volume',
      name: { en: `A pod mounts the secret at ${mountPath}`, 'zh-cn': `有 Pod 把 Secret 挂载到 ${mountPath}` },
      hint: {
        en: 'A secret volume lists the secret under volumes (secret.secretName) and a container mounts that volume by name with volumeMounts; each key becomes a file.',
        'zh-cn': 'Secret 卷在 volumes 中通过 secret.secretName 引用 Secret，容器再通过 volumeMounts 按卷名挂载它；每个键会成为一个文件。',
      },
      async run(ctx) {
        const pods = await consumers(ctx);
        const p = pods.find(mountsSecret);
        return p ? h.pass(`pod ${p.metadata.name} mounts ${secretName} at ${mountPath}`) : h.fail(pods.length ? `pods using a secret: ${pods.map((x) => x.metadata.name).join(', ')} — none mounts ${secretName} at ${mountPath}` : 'no pod uses a secret');
      },
    },
    {
      id: 'env',
      name: { en: 'DB_PASSWORD comes from the secret', 'zh-cn': 'DB_PASSWORD 来自 Secret' },
      hint: {
        en: 'An environment variable can take its value from a secret key with valueFrom.secretKeyRef (name and key) instead of a literal value — the password then never appears in the pod spec.',
        'zh-cn': '环境变量可以用 valueFrom.secretKeyRef（name 和 key）从 Secret 的某个键取值，而不是写成字面值——这样密码就不会出现在 Pod 定义里。',
      },
      async run(ctx) {
        const pods = await consumers(ctx);
        for (const p of pods) {
          const e = envRef(p);
          const ref = e?.valueFrom?.secretKeyRef;
          if (ref?.name === secretName && ref.key === 'password') return h.pass(`pod ${p.metadata.name}: DB_PASSWORD from ${secretName}/password`);
          if (e) return h.fail(`pod ${p.metadata.name}: DB_PASSWORD is ${ref ? `from ${ref.name}/${ref.key}` : e.value !== undefined ? 'a literal value' : 'set some other way'}`);
        }
        return h.fail('no pod using the secret sets DB_PASSWORD');
      },
    },
    {
      id: 'pod-running',
      name: { en: 'The pod using the secret is Running', 'zh-cn': '使用该 Secret 的 Pod 正在运行' },
      hint: {
        en: 'A pod whose secret or key does not exist cannot start its container; `kubectl describe pod` shows the reason in its events.',
        'zh-cn': '如果 Pod 引用的 Secret 或键不存在，容器就无法启动；`kubectl describe pod` 的事件中会给出原因。',
      },
      async run(ctx) {
        const pods = (await consumers(ctx)).filter((p) => mountsSecret(p) || envRef(p));
        if (!pods.length) return h.fail('no pod uses the secret');
        const text = h.podSummary(pods);
        return h.allRunning(pods) ? h.pass(text) : h.fail(text);
      },
    },
  ],
});
