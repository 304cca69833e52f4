// Entry of the bundled `kubelab` command (up, kubectl, etcdctl, help).
import { main } from '../../engine/cmd/kubelab.js';

// Exit once the command has finished: a stopped cluster may still hold idle timers and sockets.
process.exit(await main(process.argv.slice(2)));
