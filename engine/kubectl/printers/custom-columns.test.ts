import { describe, it, expect } from 'vitest';
import { parseCustomColumns, printCustomColumns } from './custom-columns.js';
import { TabWriter } from './tabwriter.js';

const pods = [
  { metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ image: 'nginx' }, { image: 'redis' }] } },
  { metadata: { name: 'db' }, spec: { containers: [{ image: 'postgres' }] } },
];

function render(spec: string, noHeaders = false): string {
  let out = '';
  const w = new TabWriter((s) => (out += s));
  printCustomColumns(parseCustomColumns(spec), pods, w, noHeaders);
  w.flush();
  return out;
}

describe('custom-columns', () => {
  it('prints headers, joins several results with commas and marks missing ones', () => {
    expect(render('NAME:.metadata.name,IMAGES:.spec.containers[*].image,APP:.metadata.labels.app')).toBe(
      'NAME   IMAGES        APP\nweb    nginx,redis   web\ndb     postgres      <none>\n',
    );
  });
  it('accepts relaxed paths and --no-headers', () => {
    expect(render('N:metadata.name', true)).toBe('web\ndb\n');
    expect(render('N:{.metadata.name}')).toBe('N\nweb\ndb\n');
  });
  it('rejects a spec without a colon', () => {
    expect(() => parseCustomColumns('NAME')).toThrow('unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>');
  });
});
