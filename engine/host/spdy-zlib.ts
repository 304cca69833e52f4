// Node-only header compression for SPDY/3 (what spdystream's Framer does with compress/zlib): one
// deflate and one inflate context per connection, preloaded with the SPDY dictionary; each header
// block is sync-flushed so the peer can inflate it as soon as its frame arrives.
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';
import type { HeaderCompression } from './spdy-framer.js';
import { headerDictionary } from './spdy-dictionary.js';

/** flushThrough writes one block into a zlib stream and collects what the sync flush yields. */
function flushThrough(stream: Deflate | Inflate, block: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => chunks.push(c);
    const onError = (err: Error) => {
      stream.off('data', onData);
      reject(err);
    };
    stream.on('data', onData);
    stream.once('error', onError);
    if (block.length) stream.write(block);
    stream.flush(constants.Z_SYNC_FLUSH, () => {
      stream.off('data', onData);
      stream.off('error', onError);
      const out = Buffer.concat(chunks);
      resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
    });
  });
}

/** nodeHeaderCompression returns a fresh pair of contexts for one SPDY connection. */
export function nodeHeaderCompression(): HeaderCompression & { close(): void } {
  const dictionary = Buffer.from(headerDictionary);
  const deflate = createDeflate({ level: constants.Z_BEST_COMPRESSION, dictionary });
  const inflate = createInflate({ dictionary });
  // Calls may overlap in time; each context must see its blocks one after another.
  let deflating: Promise<unknown> = Promise.resolve();
  let inflating: Promise<unknown> = Promise.resolve();
  return {
    deflate(block) {
      const next = deflating.then(() => flushThrough(deflate, block));
      deflating = next.catch(() => undefined);
      return next;
    },
    inflate(block) {
      const next = inflating.then(() => flushThrough(inflate, block));
      inflating = next.catch(() => undefined);
      return next;
    },
    close() {
      deflate.destroy();
      inflate.destroy();
    },
  };
}
