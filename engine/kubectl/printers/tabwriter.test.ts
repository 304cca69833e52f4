import { describe, it, expect } from 'vitest';
import { TabWriter, formatTable } from './tabwriter.js';

describe('TabWriter', () => {
  it('pads columns to the widest cell plus 3 with a minimum of 6, last column unpadded', () => {
    expect(formatTable([['NAME', 'READY', 'STATUS', 'AGE'], ['web', '1/1', 'Running', '5s']])).toBe(
      'NAME   READY   STATUS    AGE\nweb    1/1     Running   5s\n',
    );
  });
  it('counts runes, not UTF-16 units', () => {
    expect(formatTable([['ab', 'x'], ['日本', 'y']])).toBe('ab    x\n日本    y\n');
  });
  it('remembers widths across flushes (watch output stays aligned)', () => {
    let out = '';
    const w = new TabWriter((s) => (out += s));
    w.write('NAME\tAGE\n');
    w.flush();
    w.write('a-long-name\t1s\n');
    w.flush();
    w.write('b\t2s\n');
    w.flush();
    expect(out).toBe('NAME   AGE\na-long-name   1s\nb             2s\n');
  });
});

describe('TabWriter column blocks (describe settings)', () => {
  it('aligns each block of lines separately; a line without tabs ends the block', () => {
    const o = { minWidth: 0, padding: 2 };
    expect(formatTable([['Name:', 'web'], ['Namespace:', 'default'], ['IPs:'], ['  IP:', '10.0.0.1']], o)).toBe(
      'Name:       web\nNamespace:  default\nIPs:\n  IP:  10.0.0.1\n',
    );
  });
});
