import { describe, expect, it } from 'vitest';
import type { Stream } from '../../../apimachinery/util/httpstream/httpstream.js';
import type { NetError, StreamSocket } from '../../../net/types.js';
import { flushMicrotasks, VirtualClock } from '../../../util/clock.js';
import { HTTPStreamHandler, streamCreationTimeout, validateStream } from './httpstream.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** fakeStream is one stream as the connection hands it over; peer is the client's view of it. */
function fakeStream(id: number, headers: Record<string, string>) {
  const toServer = new TransformStream<Uint8Array, Uint8Array>();
  const toClient = new TransformStream<Uint8Array, Uint8Array>();
  let received = '';
  let closed = false;
  void (async () => {
    for await (const c of toClient.readable as unknown as AsyncIterable<Uint8Array>) received += dec.decode(c);
    closed = true;
  })();
  const stream: Stream = { id, headers: new Headers(headers), readable: toServer.readable, writable: toClient.writable, reset: () => undefined };
  const writer = toServer.writable.getWriter();
  return { stream, send: (s: string) => writer.write(enc.encode(s)), fin: () => writer.close(), received: () => received, closed: () => closed };
}

/** fakeSocket stands for a connection inside the pod: an echo server, or a refused port. */
function fakeSocket(refuse: boolean): StreamSocket & { wrote: string } {
  const listeners = new Map<string, Array<(...a: never[]) => void>>();
  const emit = (event: string, ...args: unknown[]) => queueMicrotask(() => listeners.get(event)?.forEach((l) => (l as (...a: unknown[]) => void)(...args)));
  const socket = {
    wrote: '',
    localAddress: '127.0.0.1', localPort: 40000, remoteAddress: '127.0.0.1', remotePort: 80,
    write(data: Uint8Array | string) {
      const text = typeof data === 'string' ? data : dec.decode(data);
      socket.wrote += text;
      emit('data', enc.encode(text.toUpperCase()));
      return true;
    },
    end() {
      emit('end');
      emit('close');
    },
    destroy: () => emit('close'),
    setTimeout: () => undefined,
    on(event: string, l: (...a: never[]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), l]);
      return socket;
    },
    off: () => socket,
  };
  if (refuse) emit('error', Object.assign(new Error('failed to connect to localhost:81 … connect: connection refused'), { code: 'ECONNREFUSED' }) as NetError);
  else emit('connect');
  return socket as unknown as StreamSocket & { wrote: string };
}

function handler(clock = new VirtualClock()) {
  const dialed: number[] = [];
  const h = new HTTPStreamHandler({
    dial: (port) => {
      dialed.push(port);
      return fakeSocket(port === 81);
    },
    describe: 'web_default, uid 1234',
    clock,
  });
  return { h, dialed, clock };
}

describe('port-forward streams', () => {
  it.each([
    [{ streamtype: 'data' }, '"port" header is required'],
    [{ port: 'http', streamtype: 'data' }, 'unable to parse "http" as a port: strconv.ParseUint: parsing "http": invalid syntax'],
    [{ port: '0', streamtype: 'data' }, 'port "0" must be > 0'],
    [{ port: '80' }, '"streamType" header is required'],
    [{ port: '80', streamtype: 'stdin' }, 'invalid stream type "stdin"'],
    [{ port: '80', streamtype: 'error' }, undefined],
  ])('validates %j', (headers, want) => {
    const s = fakeStream(1, headers).stream;
    if (want) expect(() => validateStream(s)).toThrow(want);
    else expect(() => validateStream(s)).not.toThrow();
  });

  it('forwards once both streams of a request are there, and closes both when done', async () => {
    const { h, dialed } = handler();
    const error = fakeStream(1, { streamtype: 'error', port: '80', requestid: '0' });
    const data = fakeStream(3, { streamtype: 'data', port: '80', requestid: '0' });
    h.onStream(error.stream);
    expect(dialed).toEqual([]);
    h.onStream(data.stream);
    expect(dialed).toEqual([80]);
    await data.send('get /');
    await data.fin();
    await Promise.all([...h.forwarding]);
    await flushMicrotasks();
    expect(data.received()).toBe('GET /');
    expect([data.closed(), error.closed(), error.received()]).toEqual([true, true, '']);
  });

  it('writes a failed dial to the error stream in the kubelet’s words', async () => {
    const { h } = handler();
    const error = fakeStream(1, { streamtype: 'error', port: '81', requestid: '7' });
    const data = fakeStream(3, { streamtype: 'data', port: '81', requestid: '7' });
    h.onStream(data.stream);
    h.onStream(error.stream);
    await Promise.all([...h.forwarding]);
    await flushMicrotasks();
    expect(error.received()).toBe('error forwarding port 81 to pod web_default, uid 1234: failed to connect to localhost:81 … connect: connection refused');
    expect([error.closed(), data.closed()]).toEqual([true, true]);
  });

  it('pairs streams of an old client by stream id, reports a second stream of one type, and times out a lone stream', async () => {
    const { h, dialed, clock } = handler();
    h.onStream(fakeStream(5, { streamtype: 'error', port: '80' }).stream);
    h.onStream(fakeStream(7, { streamtype: 'data', port: '80' }).stream);
    expect(dialed).toEqual([80]);
    const lone = fakeStream(9, { streamtype: 'error', port: '80', requestid: '2' });
    h.onStream(lone.stream);
    h.onStream(fakeStream(11, { streamtype: 'error', port: '80', requestid: '2' }).stream);
    await flushMicrotasks();
    expect(lone.received()).toBe('error processing stream for request 2: error stream already assigned');
    clock.step(streamCreationTimeout - 1);
    await flushMicrotasks();
    expect(lone.received()).not.toContain('timed out');
    clock.step(1);
    await flushMicrotasks();
    expect(lone.received()).toBe('error processing stream for request 2: error stream already assigned(conn=web_default, uid 1234, request=2) timed out waiting for streams');
    expect(dialed).toEqual([80]);
  });
});
