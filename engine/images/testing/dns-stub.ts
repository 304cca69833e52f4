// A fixed-table DNS server for tests of DNS clients in images (nslookup, the guestbook's lookups):
// answers A queries for the names it knows and NXDOMAIN for the rest.
import type { FakeStack } from './fake-net.js';
import { decodeMessage, encodeMessage } from '../../dns/wire/codec.js';
import { newReply, Rcode, Type, Class } from '../../dns/wire/message.js';

export class ClusterDnsStub {
  constructor(private readonly stack: FakeStack, private readonly records: Record<string, string>) {}

  async listen(port = 53): Promise<void> {
    const socket = this.stack.createDatagramSocket();
    await socket.bind(port);
    socket.on('message', (data, rinfo) => {
      const query = decodeMessage(data);
      const q = query.question[0]!;
      const addr = this.records[q.name];
      const reply = newReply(query, addr ? Rcode.Success : Rcode.NameError);
      if (addr && q.type === Type.A) reply.answer.push({ name: q.name, type: Type.A, class: Class.INET, ttl: 30, data: addr });
      socket.send(encodeMessage(reply), rinfo.port, rinfo.address);
    });
  }
}
