// Redis images: kubelab/redis (also answering to the Docker Hub `redis` tags and the documents'
// guestbook master image) and the documents' guestbook slave image, whose start script follows
// the master. Both carry busybox's shell and tools so `kubectl exec … sh` works.
import type { Image } from '../types.js';
import { busyboxApplets, binFiles, withShell } from '../busybox/image.js';
import { redisServer, redisSlave } from './redis-server.js';
import { redisCli } from './redis-cli.js';

const programs = withShell({ ...busyboxApplets, 'redis-server': redisServer, 'redis-cli': redisCli });

export const redis: Image = {
  name: 'kubelab/redis',
  tags: ['latest', '7', '7-alpine', '7.2', '7.2.4'],
  config: { entrypoint: ['redis-server'], workingDir: '/data', exposedPorts: [6379] },
  programs,
  files: { ...binFiles(['redis-server', 'redis-cli'], '/usr/local/bin'), ...binFiles(Object.keys(busyboxApplets)), '/data/.keep': '' },
  sizeBytes: 41_443_052,
};

export const redisSlaveImage: Image = {
  name: 'kubelab/redis-slave',
  tags: ['latest', 'v1', 'v2'],
  config: { cmd: ['/run.sh'], workingDir: '/data', exposedPorts: [6379] },
  programs: { ...withShell({ ...busyboxApplets, 'redis-server': redisServer, 'redis-cli': redisCli }), 'run.sh': redisSlave },
  files: {
    ...binFiles(['redis-server', 'redis-cli'], '/usr/local/bin'),
    ...binFiles(Object.keys(busyboxApplets)),
    '/run.sh': '#!/bin/bash\nif [[ ${GET_HOSTS_FROM:-dns} == "env" ]]; then\n  redis-server --slaveof ${REDIS_MASTER_SERVICE_HOST} 6379\nelse\n  redis-server --slaveof redis-master 6379\nfi\n',
  },
  sizeBytes: 41_443_052,
};
