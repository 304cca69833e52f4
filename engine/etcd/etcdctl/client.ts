// Mirrors the parts of etcd client/v3 that etcdctl uses, over the v3 JSON gateway through a
// Transport instead of gRPC.
import type { Transport } from '../../client/transport.js';
import type { Json } from '../server/gateway-codec.js';

/** ClientError carries the server's message ("etcdserver: …") as etcdctl prints it. */
export class ClientError extends Error {
  constructor(message: string, readonly code = 0) {
    super(message);
    this.name = 'ClientError';
  }
}

export class GatewayClient {
  constructor(
    private readonly transport: Transport,
    readonly endpoint: string,
  ) {}

  /** url turns an etcdctl endpoint ("127.0.0.1:2379" or a URL) into a request URL. */
  url(path: string): string {
    const base = /^[a-z]+:\/\//i.test(this.endpoint) ? this.endpoint : `http://${this.endpoint}`;
    return new URL(path, base).toString();
  }

  async call(path: string, body: Json, signal?: AbortSignal): Promise<Response> {
    let res: Response;
    try {
      res = await this.transport(new Request(this.url(path), { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, signal }));
    } catch (err) {
      if (signal?.aborted) throw err;
      // etcdctl reports an unreachable endpoint as its dial timing out.
      throw new ClientError('context deadline exceeded');
    }
    if (!res.ok) {
      const text = await res.text();
      let message = text;
      let code = 0;
      try {
        const e = JSON.parse(text) as { error?: string; message?: string; code?: number };
        message = e.message ?? e.error ?? text;
        code = e.code ?? 0;
      } catch {
        // Not JSON: keep the text.
      }
      throw new ClientError(message, code);
    }
    return res;
  }

  async unary(path: string, body: Json): Promise<Json> {
    const res = await this.call(path, body);
    return (await res.json()) as Json;
  }

  /** stream yields each newline-delimited {"result": …} object of a streaming call. */
  async *stream(path: string, body: Json, signal?: AbortSignal): AsyncGenerator<Json> {
    const res = await this.call(path, body, signal);
    if (!res.body) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffered += value;
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (!line) continue;
          const msg = JSON.parse(line) as { result?: Json; error?: { message?: string } };
          if (msg.error) throw new ClientError(msg.error.message ?? 'stream error');
          if (msg.result) yield msg.result;
        }
      }
    } finally {
      await reader.cancel().catch(() => {});
    }
  }
}
