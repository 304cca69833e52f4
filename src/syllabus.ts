// The course map as data: parts in the syllabus order, the page slugs each part will hold, and the
// labs those pages embed. The sidebar, the progress page and the parity tests all read it.

export type Locale = 'en' | 'zh-cn';
export const locales: Locale[] = ['en', 'zh-cn'];

export interface Part {
  /** id is the part's folder under content/<locale>/. */
  id: string;
  label: Record<Locale, string>;
  /** pages are the chapter slugs in reading order (the part's index page comes first, implicitly). */
  pages: string[];
}

export const parts: Part[] = [
  { id: 'intro', label: { en: 'Introduction', 'zh-cn': '入门介绍' }, pages: ['what-is-kubernetes', 'containers-from-the-ground-up', 'control-loops'] },
  { id: 'getting-started', label: { en: 'Getting started', 'zh-cn': '快速开始' }, pages: ['hello-world', 'architecture', 'install-and-configure'] },
  {
    id: 'concepts',
    label: { en: 'Core concepts', 'zh-cn': '核心概念' },
    pages: ['nodes', 'pods', 'labels', 'replication-controllers', 'services', 'volumes', 'namespaces', 'annotations'],
  },
  {
    id: 'architecture',
    label: { en: 'How the components work', 'zh-cn': '组件原理' },
    pages: ['api-server', 'controller-manager', 'scheduler', 'kubelet', 'component-flows'],
  },
  {
    id: 'security',
    label: { en: 'Security', 'zh-cn': '安全机制' },
    pages: ['authentication', 'authorization', 'admission-control', 'secrets', 'service-accounts'],
  },
  {
    id: 'networking',
    label: { en: 'Networking', 'zh-cn': '网络原理' },
    pages: ['network-model', 'linux-networking', 'docker-networking', 'kubernetes-networking', 'kube-proxy', 'network-plugins', 'network-experiment', 'dns'],
  },
  { id: 'developer-guide', label: { en: 'Developer guide', 'zh-cn': '开发指南' }, pages: ['rest-api', 'client-libraries', 'writing-a-controller'] },
  {
    id: 'operations',
    label: { en: 'Operations', 'zh-cn': '运维管理' },
    pages: ['component-flags', 'object-reference', 'daily-operations', 'rolling-updates', 'high-availability', 'resource-quotas', 'monitoring', 'troubleshooting'],
  },
  { id: 'cases', label: { en: 'Advanced cases', 'zh-cn': '高级案例' }, pages: ['cluster-monitoring', 'cassandra', 'cluster-security', 'multi-team-cluster'] },
  {
    id: 'source-reading',
    label: { en: 'Reading the source', 'zh-cn': '源码分析' },
    pages: ['layout-and-build', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy', 'kubectl'],
  },
];

export interface LabEntry {
  id: string;
  /** page is the chapter (part/slug) that embeds the lab. */
  page: string;
  title: Record<Locale, string>;
}

/** firstLab is the open cluster the home page's "Start the first lab" button leads to. */
export const firstLab: LabEntry = { id: 'first-cluster', page: 'first-lab', title: { en: 'Your first cluster', 'zh-cn': '你的第一个集群' } };

/** labs lists every lab of the course in reading order (SYLLABUS.md's lab column). */
export const labs: LabEntry[] = [
  firstLab,
  lab('inside-a-pod', 'intro/containers-from-the-ground-up', 'Inside a pod', '深入 Pod 内部'),
  lab('desired-state', 'intro/control-loops', 'Desired state', '期望状态'),
  lab('guestbook', 'getting-started/hello-world', 'The guestbook', '留言板应用'),
  lab('follow-the-flow', 'getting-started/architecture', 'Follow the flow', '跟踪组件协作'),
  lab('custom-cluster', 'getting-started/install-and-configure', 'A cluster with your flags', '按参数搭建集群'),
  lab('nodes', 'concepts/nodes', 'Nodes', '节点'),
  lab('pods', 'concepts/pods', 'Pods', 'Pod'),
  lab('labels', 'concepts/labels', 'Labels and selectors', '标签与选择器'),
  lab('scaling', 'concepts/replication-controllers', 'Scaling', '扩缩容'),
  lab('services', 'concepts/services', 'Services', '服务'),
  lab('volumes', 'concepts/volumes', 'Volumes', '存储卷'),
  lab('namespaces', 'concepts/namespaces', 'Namespaces', '命名空间'),
  lab('api-server', 'architecture/api-server', 'The API server', 'API 服务器'),
  lab('node-failure', 'architecture/controller-manager', 'A node fails', '节点故障'),
  lab('scheduling', 'architecture/scheduler', 'Scheduling', '调度'),
  lab('probes', 'architecture/kubelet', 'Probes', '健康检查'),
  lab('authn', 'security/authentication', 'Authentication', '认证'),
  lab('rbac', 'security/authorization', 'RBAC', 'RBAC 授权'),
  lab('admission', 'security/admission-control', 'Admission control', '准入控制'),
  lab('secrets', 'security/secrets', 'Secrets', 'Secret'),
  lab('service-accounts', 'security/service-accounts', 'Service accounts', '服务账号'),
  lab('netns', 'networking/linux-networking', 'Network namespaces', '网络命名空间'),
  lab('port-mapping', 'networking/docker-networking', 'Port mapping', '端口映射'),
  lab('pod-to-pod', 'networking/kubernetes-networking', 'Pod to pod', 'Pod 之间的通信'),
  lab('kube-proxy', 'networking/kube-proxy', 'kube-proxy', 'kube-proxy'),
  lab('overlay-vs-routing', 'networking/network-plugins', 'Overlay or routing', '覆盖网络与直接路由'),
  lab('network-experiment', 'networking/network-experiment', 'A network experiment', '网络实验'),
  lab('dns', 'networking/dns', 'Cluster DNS', '集群 DNS'),
  lab('rest-api', 'developer-guide/rest-api', 'The REST API', 'REST API'),
  lab('client-library', 'developer-guide/client-libraries', 'A client library', '客户端库'),
  lab('custom-controller', 'developer-guide/writing-a-controller', 'Your own controller', '编写控制器'),
  lab('cordon-and-drain', 'operations/daily-operations', 'Cordon and drain', '隔离与驱逐'),
  lab('rolling-update', 'operations/rolling-updates', 'Rolling update', '滚动升级'),
  lab('quotas', 'operations/resource-quotas', 'Quotas', '资源配额'),
  lab('monitoring', 'operations/monitoring', 'Monitoring', '监控'),
  lab('troubleshooting', 'operations/troubleshooting', 'Troubleshooting', '故障排查'),
  lab('metrics-pipeline', 'cases/cluster-monitoring', 'A metrics pipeline', '监控数据管道'),
  lab('cassandra', 'cases/cassandra', 'Cassandra', 'Cassandra 集群'),
  lab('secure-cluster', 'cases/cluster-security', 'A secure cluster', '安全集群'),
  lab('multi-team', 'cases/multi-team-cluster', 'Many teams, one cluster', '多团队共享集群'),
  lab('trace-apiserver', 'source-reading/kube-apiserver', 'Trace the API server', '跟踪 API 服务器'),
  lab('trace-scheduler', 'source-reading/kube-scheduler', 'Trace the scheduler', '跟踪调度器'),
];

function lab(id: string, page: string, en: string, zh: string): LabEntry {
  return { id, page, title: { en, 'zh-cn': zh } };
}

/** partOf returns the part a page (part/slug) belongs to. */
export function partOf(page: string): Part | undefined {
  return parts.find((p) => page === p.id || page.startsWith(`${p.id}/`));
}
