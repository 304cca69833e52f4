// Test helper (no upstream twin): a built-in image with programs the stock images lack — one that
// ignores SIGTERM, one that handles it slowly, one that eats memory — served beside the registry.
import type { Image, Program } from '../../images/types.js';
import { busyboxApplets, withShell } from '../../images/busybox/image.js';
import { parseReference, pullImage, type PulledImage } from '../../images/registry.js';
import { sleep, untilAborted } from '../../images/lib/process-util.js';

const ignoreTerm: Program = async (ctx) => {
  ctx.onSignal((s) => ctx.stdout(`ignoring ${s}\n`));
  await untilAborted(ctx);
  return 0;
};

const slowTerm: Program = async (ctx) => {
  let wake = (): void => {};
  ctx.onSignal(() => {
    ctx.stdout('got SIGTERM, draining\n');
    wake();
  });
  await new Promise<void>((r) => (wake = r));
  await sleep(ctx, Number(ctx.argv[1] ?? '2') * 1000);
  ctx.stdout('bye\n');
  return 0;
};

/** hog allocates argv[1] MiB every second until killed. */
const hog: Program = async (ctx) => {
  const step = Number(ctx.argv[1] ?? '16') * 1024 * 1024;
  for (;;) {
    ctx.memory.allocate(step);
    ctx.stdout(`allocated ${step} bytes\n`);
    if (!(await sleep(ctx, 1000))) return 0;
  }
};

export const testImage: Image = {
  name: 'kubelab/test',
  tags: ['latest'],
  config: { cmd: ['sh'] },
  programs: withShell({ ...busyboxApplets, 'ignore-term': ignoreTerm, 'slow-term': slowTerm, hog }),
  files: {},
  sizeBytes: 1234,
};

/** testPull serves kubelab/test beside the built-in registry. */
export function testPull(raw: string): PulledImage {
  const ref = parseReference(raw);
  if (ref.path === 'kubelab/test' && ref.tag === 'latest') {
    return { image: testImage, ref, tag: 'latest', digest: `sha256:${'ab'.repeat(32)}`, id: `sha256:${'cd'.repeat(32)}`, sizeBytes: testImage.sizeBytes };
  }
  return pullImage(raw);
}
