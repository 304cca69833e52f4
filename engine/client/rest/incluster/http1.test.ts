import { describe, it, expect } from 'vitest';
import { MessageParser, encodeChunk, framingFor, type MessageHead } from './http1.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

function parse(chunks: string[], isResponse: boolean, closeAtEnd = false) {
  const messages: { start: string; body: string }[] = [];
  let current: { start: string; body: string } | undefined;
  const parser = new MessageParser(
    {
      onHead: (h: MessageHead) => void (current = { start: h.startLine.join(' '), body: '' }),
      onBody: (d) => void (current!.body += dec.decode(d)),
      onEnd: () => void messages.push(current!),
    },
    (h) => framingFor(h, isResponse),
  );
  for (const c of chunks) parser.push(enc.encode(c));
  const clean = closeAtEnd ? parser.close() : undefined;
  return { messages, clean };
}

describe('MessageParser', () => {
  const cases: { name: string; chunks: string[]; isResponse: boolean; close?: boolean; want: { start: string; body: string }[] }[] = [
    { name: 'request without body', isResponse: false, chunks: ['GET /api HTTP/1.1\r\nHost: x\r\n\r\n'], want: [{ start: 'GET /api HTTP/1.1', body: '' }] },
    {
      name: 'two pipelined requests split anywhere',
      isResponse: false,
      chunks: ['POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel', 'loGET /b HTTP/1.1\r', '\n\r\n'],
      want: [{ start: 'POST /a HTTP/1.1', body: 'hello' }, { start: 'GET /b HTTP/1.1', body: '' }],
    },
    {
      name: 'chunked response with extension and trailer',
      isResponse: true,
      chunks: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n', '2\r\nde\r\n0\r\nX-T: 1\r\n\r\n'],
      want: [{ start: 'HTTP/1.1 200 OK', body: 'abcde' }],
    },
    { name: '204 has no body', isResponse: true, chunks: ['HTTP/1.1 204 No Content\r\n\r\n'], want: [{ start: 'HTTP/1.1 204 No Content', body: '' }] },
    { name: 'close-delimited response', isResponse: true, close: true, chunks: ['HTTP/1.0 200 OK\r\n\r\nall ', 'of it'], want: [{ start: 'HTTP/1.0 200 OK', body: 'all of it' }] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(parse(c.chunks, c.isResponse, c.close).messages).toEqual(c.want);
    });
  }

  it('reports a body cut short by the connection end', () => {
    const { messages, clean } = parse(['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'], true, true);
    expect(messages).toEqual([]);
    expect(clean).toBe(false);
  });

  it('rejects a malformed chunk size and a bad Content-Length', () => {
    expect(() => parse(['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'], true)).toThrow(/chunked/);
    expect(() => parse(['POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n'], false)).toThrow(/Content-Length/);
  });

  it('encodeChunk frames data in hex and ends with the zero chunk', () => {
    expect(dec.decode(encodeChunk(enc.encode('x'.repeat(26))))).toBe(`1a\r\n${'x'.repeat(26)}\r\n`);
    expect(dec.decode(encodeChunk(new Uint8Array()))).toBe('0\r\n\r\n');
  });
});
