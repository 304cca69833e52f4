// Mirrors iptables-restore's line splitter (xshared.c add_param_to_argv): whitespace separates
// arguments, double quotes group them, a backslash escapes a quote inside.

export function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuote = false;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && (line[i + 1] === '"' || line[i + 1] === "'" || line[i + 1] === '\\') && inQuote) {
      cur += line[++i];
      continue;
    }
    if (ch === '"') {
      inQuote = !inQuote;
      has = true;
      continue;
    }
    if (!inQuote && (ch === ' ' || ch === '\t')) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
      continue;
    }
    cur += ch;
  }
  if (inQuote) throw new Error('unterminated quote');
  if (has || cur) out.push(cur);
  return out;
}
