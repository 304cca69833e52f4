// A node machine in its own OS process, for the process-mode underlay test: it dials the parent
// (argv: tcp|http, port, routing|overlay), brings up node1 with one pod running a TCP echo server
// on port 7, prints one JSON line {podIp} on stdout, and runs until it is killed.
import { VirtualClock } from '../../engine/util/clock.js';
import { Network, type PodNetworkMode } from '../../engine/net/network.js';
import { StreamUnderlay } from '../../engine/net/link/stream-underlay.js';
import { ReplicatedLeaseStore } from '../../engine/net/link/replicated-lease-store.js';
import { tcpDialer } from '../../engine/host/underlay-tcp.js';
import { httpDialer } from '../../engine/host/underlay-http.js';

const [transport, port, mode] = process.argv.slice(2) as ['tcp' | 'http', string, PodNetworkMode];
const clock = new VirtualClock(); // the parent's epoch: lease expirations must agree
const underlay = new StreamUnderlay({ name: 'node1', clock });
const net = new Network({ clock, mode, underlay, leaseStore: new ReplicatedLeaseStore(underlay) });
underlay.connect(transport === 'tcp' ? tcpDialer(Number(port)) : httpDialer(`http://127.0.0.1:${port}`));
await underlay.ready();
const node = net.addMachine({ name: 'node1', ip: '192.168.1.101/24', podCidr: mode === 'routing' ? '172.17.1.0/24' : undefined });
const pod = node.setUpPod('echo');
await pod.netns.stack.createServer((s) => s.on('data', (d) => s.write(d))).listen(7);
process.stdout.write(`${JSON.stringify({ podIp: pod.ip })}\n`);
