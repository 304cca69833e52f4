// Mirrors the duplicate-key half of sigs.k8s.io/json's strict decoding: JSON.parse keeps the last
// of two equal keys silently, so the raw text is scanned for them ("spec.replicas").

/**
 * duplicateFields returns the paths of keys that occur twice in one JSON object, in text order.
 * Given the value the text parsed to, a text that JSON.stringify gives back unchanged is known
 * free of them (stringify writes each key once, and the text's keys are the string's keys): the
 * compact bodies clients send are checked without scanning.
 */
export function duplicateFields(jsonText: string, parsed?: unknown): string[] {
  if (parsed !== undefined && JSON.stringify(parsed) === jsonText) return [];
  const out: string[] = [];
  let i = 0;
  const ws = () => {
    while (i < jsonText.length && ' \t\r\n'.includes(jsonText[i]!)) i++;
  };
  const readString = (): string => {
    const start = i;
    i++; // opening quote
    while (i < jsonText.length && jsonText[i] !== '"') i += jsonText[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(jsonText.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    const ch = jsonText[i];
    if (ch === '{') {
      i++;
      const seen = new Set<string>();
      ws();
      if (jsonText[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const key = readString();
        const p = path ? `${path}.${key}` : key;
        if (seen.has(key)) out.push(p);
        seen.add(key);
        ws();
        i++; // colon
        value(p);
        ws();
        if (jsonText[i++] !== ',') return;
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (jsonText[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`);
        ws();
        if (jsonText[i++] !== ',') return;
      }
    } else if (ch === '"') {
      readString();
    } else {
      while (i < jsonText.length && !',}] \t\r\n'.includes(jsonText[i]!)) i++;
    }
  };
  try {
    value('');
  } catch {
    // malformed JSON is reported by the parser, not here
  }
  return out;
}
