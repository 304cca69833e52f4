// `kubelab lab new`: the files of a new lab. The skeleton is itself a valid lab (one check, a
// starter that fails it, a solution that passes), so `kubelab lab validate` passes from the start.

/** scaffold returns the new lab's files, path → text. */
export function scaffold(id: string, graderImport = '../../engine/grader/index.js'): Record<string, string> {
  return {
    'lab.ts': `// The ${id} lab. Checks read the cluster through ctx.client (Kubernetes API), ctx.kubectl,
// ctx.net (HTTP and DNS through the cluster's dataplane) and ctx.clock; see labs/README.md.
import { defineLab, helpers as h } from '${graderImport}';

export default defineLab({
  id: '${id}',
  title: { en: 'TODO: title', 'zh-cn': 'TODO：标题' },
  chapter: 'concepts/pods',
  estimatedMinutes: 10,
  cluster: { nodes: 2 },
  checks: [
    {
      id: 'hello-running',
      name: { en: 'Pod hello runs nginx', 'zh-cn': 'Pod hello 运行 nginx' },
      hint: { en: 'TODO: a hint that teaches where to look.', 'zh-cn': 'TODO：告诉学习者去哪里看的提示。' },
      async run(ctx) {
        const pod = await h.getOrUndefined(ctx.client.coreV1().pods(ctx.namespace).get('hello'));
        if (!pod) return h.fail('pod "hello" not found');
        return h.allRunning([pod]) ? h.pass(h.podSummary([pod])) : h.fail(h.podSummary([pod]));
      },
    },
  ],
});
`,
    'task.en.md': `# TODO: title\n\nTODO: what the learner does, step by step, and what they will see.\n`,
    'task.zh-cn.md': `# TODO：标题\n\nTODO：学习者要做什么、一步一步怎么做、会看到什么。\n`,
    'starter/pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\nspec:\n  containers:\n  - name: web\n    image: nginx:0.0-does-not-exist\n`,
    'solution/pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n`,
    'tests/wrong-no-pod/EXPECT': 'hello-running\n',
    'tests/wrong-no-pod/commands.sh': '# Submits nothing: the check must fail.\n',
  };
}
