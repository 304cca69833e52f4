// Runs every benchmark in turn: `npm run bench`.
console.log('== etcd store ==');
await import('./etcd.bench.js');
console.log('\n== API server ==');
await import('./apiserver.bench.js');
console.log('\n== scheduler ==');
await import('./scheduler.bench.js');
console.log('\n== cluster ==');
await import('./cluster.bench.js');
console.log('\n== SPDY (port-forward) ==');
await import('./spdy.bench.js');
