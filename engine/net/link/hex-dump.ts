// Mirrors tcpdump's print-ascii.c (hex_and_ascii_print): bytes printed 16 per line as offset, four
// digit groups and the printable characters, so a learner can read a frame the underlay carried.

/** hexDump prints bytes the way `tcpdump -XX` does. */
export function hexDump(b: Uint8Array): string {
  const lines: string[] = [];
  for (let off = 0; off < b.length; off += 16) {
    const row = b.subarray(off, off + 16);
    const groups: string[] = [];
    for (let i = 0; i < row.length; i += 2) groups.push(Array.from(row.subarray(i, i + 2), (x) => x.toString(16).padStart(2, '0')).join(''));
    const ascii = Array.from(row, (x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.')).join('');
    lines.push(`\t0x${off.toString(16).padStart(4, '0')}:  ${groups.join(' ').padEnd(39)}  ${ascii}`);
  }
  return lines.join('\n');
}
