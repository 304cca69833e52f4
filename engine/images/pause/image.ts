// The pause image (build/pause/linux/pause.c): the sandbox's first process, which only waits for
// a signal. SIGTERM/SIGINT end it with status 0 after pause's message.
import type { Image, Program } from '../types.js';
import { untilAborted } from '../lib/process-util.js';

export const pause: Program = async (ctx) => {
  let wake = (): void => {};
  ctx.onSignal((signal) => {
    if (signal === 'SIGTERM' || signal === 'SIGINT') {
      ctx.stderr(`Shutting down, got signal: ${signal === 'SIGTERM' ? 'Terminated' : 'Interrupt'}\n`);
      wake();
    }
  });
  await Promise.race([untilAborted(ctx), new Promise<void>((resolve) => (wake = resolve))]);
  return 0;
};

export const pauseImage: Image = {
  name: 'registry.k8s.io/pause',
  tags: ['3.9', '3.10', '3.8', '3.6', '3.1', '2.0', '0.8.0'],
  config: { entrypoint: ['/pause'] },
  programs: { pause },
  files: { '/pause': '' },
  sizeBytes: 321_520,
};
