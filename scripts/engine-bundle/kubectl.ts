// Entry of the bundled `kubectl` command: Kubelab's kubectl, pointed at the cluster `kubelab up`
// started (KUBELAB_DATA_DIR) unless KUBECONFIG or --kubeconfig/--server say otherwise.
import { kubectl } from '../../engine/cmd/kubelab/clients.js';

process.exitCode = await kubectl(process.argv.slice(2));
