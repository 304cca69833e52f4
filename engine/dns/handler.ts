// Mirrors the request path of a CoreDNS server block with the kubernetes and forward plugins
// (core/dnsserver/server.go ServeDNS, plugin/kubernetes/handler.go, plugin/forward): questions in
// the cluster zones are answered from the cluster, others are forwarded upstream — or REFUSED
// when no upstream is configured.
import type { Clock } from '../util/clock.js';
import { lookup, matchZone } from './records.js';
import type { Kubernetes } from './kubernetes.js';
import { newReply, Opcode, Rcode, type Message } from './wire/message.js';

/** Forwarder sends a query to an upstream resolver (plugin/forward). */
export type Forwarder = (req: Message) => Promise<Message>;

export interface HandlerOptions {
  clock: Clock;
  forward?: Forwarder;
}

export class Handler {
  constructor(
    readonly kubernetes: Kubernetes,
    private readonly options: HandlerOptions,
  ) {}

  /** serveDNS answers one request message. */
  async serveDNS(req: Message): Promise<Message> {
    if (req.opcode !== Opcode.Query) return newReply(req, Rcode.NotImplemented);
    if (req.question.length !== 1) return newReply(req, Rcode.FormatError);
    const q = req.question[0];
    if (matchZone(this.kubernetes, q.name)) {
      // The serial only has to grow when the zone changes; clock seconds do that.
      const result = lookup(this.kubernetes, q.name, q.type, Math.floor(this.options.clock.now() / 1000));
      if (!result.fallthrough) {
        const reply = newReply(req, result.rcode);
        reply.authoritative = true;
        reply.recursionAvailable = !!this.options.forward;
        reply.answer = result.answer;
        reply.ns = result.ns;
        reply.extra = result.extra;
        return reply;
      }
    }
    if (!this.options.forward) return newReply(req, Rcode.Refused);
    try {
      const upstream = await this.options.forward(req);
      return { ...upstream, id: req.id, response: true, recursionAvailable: true };
    } catch {
      return { ...newReply(req, Rcode.ServerFailure), recursionAvailable: true };
    }
  }
}
