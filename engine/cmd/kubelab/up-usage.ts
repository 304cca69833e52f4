// The flags of `kubelab up`, for `kubelab --help` (kept apart so the help loads no cluster code).
export const upUsage = `Usage: kubelab up [--nodes N] [--proxy-mode iptables|userspace] [--network routing|overlay] [--data-dir DIR] [--port N] [--etcd-port N] [--service-cluster-ip-range CIDR] [--service-node-port-range A-B] [--processes [--underlay tcp|http]] [--node-monitor-grace-period 40s] [--node-monitor-period 5s] [--node-status-update-frequency 10s]
`;
