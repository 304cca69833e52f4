#!/usr/bin/env node
// kubelab's command-line entry: loads the TypeScript engine through tsx and runs `engine/cmd/kubelab.ts`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/cmd/kubelab.ts');
// Exit once the command has finished: a stopped cluster may still hold idle timers and sockets.
process.exit(await main(process.argv.slice(2)));
