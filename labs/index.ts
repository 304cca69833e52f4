// Every lab definition by id, for the site's lab runtimes and tests. A lab's files (task text,
// starter, solution) are read beside it: from disk by `kubelab`, bundled as raw text by the site.
import type { Lab } from '../engine/grader/index.js';
import guestbook from './guestbook/lab.js';
import rollingUpdate from './rolling-update/lab.js';
import scaling from './scaling/lab.js';
import secrets from './secrets/lab.js';
import services from './services/lab.js';

export const labs: Record<string, Lab> = Object.fromEntries([guestbook, scaling, services, secrets, rollingUpdate].map((l) => [l.id, l]));
