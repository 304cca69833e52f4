// Entry of the bundled `etcdctl` command: Kubelab's etcdctl, pointed at the store `kubelab up`
// serves (KUBELAB_DATA_DIR) unless ETCDCTL_ENDPOINTS or --endpoints say otherwise.
import { etcdctl } from '../../engine/cmd/kubelab/clients.js';

process.exitCode = await etcdctl(process.argv.slice(2));
