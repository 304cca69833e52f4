#!/usr/bin/env node
// kubelab's command-line entry: loads the TypeScript engine through tsx and runs `engine/cmd/kubelab.ts`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/cmd/kubelab.ts');
process.exitCode = await main(process.argv.slice(2));
