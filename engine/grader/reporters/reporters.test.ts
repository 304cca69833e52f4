import { describe, expect, it } from 'vitest';
import type { GradeReport } from '../types.js';
import { escapeXML, junitReport } from './junit.js';
import { jsonReport } from './json.js';
import { jsonlReport, jsonlResult, jsonlSummary, parseGradeLine, reportOf, resultOf } from './jsonl.js';
import { tapReport } from './tap.js';
import { textReport } from './text.js';

const report: GradeReport = {
  lab: 'guestbook',
  title: 'Run the guestbook',
  locale: 'en',
  passed: false,
  durationMs: 12_345,
  setup: ['kubectl apply -f bad.yaml: error: <oops> & "more"'],
  results: [
    { id: 'a', name: 'Pods are Running', status: 'passed', passed: true, observed: '3 pods: 3 Running', attempts: 1, durationMs: 10 },
    { id: 'b', name: 'Port <30001> & "quotes"', status: 'failed', passed: false, observed: 'connection refused\u0007', hint: "look at the service's nodePort", attempts: 3, durationMs: 2000 },
    { id: 'c', name: 'Cluster IP # answers', status: 'skipped', passed: false, observed: 'not reachable from outside', attempts: 1, durationMs: 0 },
  ],
};

/** wellFormed is a small XML checker: balanced tags, quoted attributes, only known entities. */
function wellFormed(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < body.length) {
    if (body[i] === '<') {
      tag.lastIndex = i;
      const m = tag.exec(body);
      if (!m) return false;
      if (m[1]) {
        if (stack.pop() !== m[2]) return false;
      } else if (!m[4]) stack.push(m[2]!);
      i = tag.lastIndex;
    } else {
      const next = body.indexOf('<', i);
      const text = body.slice(i, next < 0 ? undefined : next);
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(text) || /[>\u0000-\u0008]/.test(text)) return false;
      i = next < 0 ? body.length : next;
    }
  }
  return stack.length === 0;
}

describe('reporters', () => {
  it('junit is well-formed XML with counts, failures and skips', () => {
    const xml = junitReport(report);
    expect(wellFormed(xml)).toBe(true);
    expect(wellFormed('<a><b></a></b>')).toBe(false);
    expect(xml).toContain('<testsuite name="guestbook" tests="3" failures="1" errors="0" skipped="1" time="12.345">');
    expect(xml).toContain('<testcase classname="kubelab.guestbook" name="Port &lt;30001&gt; &amp; &quot;quotes&quot;" time="2.000">');
    expect(xml).toContain('<failure message="connection refused" type="CheckFailed">observed: connection refused\nhint: look at the service&apos;s nodePort</failure>');
    expect(xml).toContain('<skipped message="not reachable from outside"/>');
    expect(xml).toContain('<system-err>kubectl apply -f bad.yaml: error: &lt;oops&gt; &amp; &quot;more&quot;</system-err>');
    expect(escapeXML('a\u0001b')).toBe('ab');
  });

  it('tap numbers the checks, escapes # and adds a YAML block to failures', () => {
    expect(tapReport(report)).toBe(
      [
        'TAP version 13',
        '1..3',
        '# setup: kubectl apply -f bad.yaml: error: <oops> & "more"',
        'ok 1 - Pods are Running',
        'not ok 2 - Port <30001> & "quotes"',
        '  ---',
        '  id: b',
        '  observed: "connection refused\\u0007"',
        `  hint: "look at the service's nodePort"`,
        '  ...',
        'ok 3 - Cluster IP \\# answers # SKIP not reachable from outside',
        '',
      ].join('\n'),
    );
  });

  it('text shows marks, observations and hints', () => {
    expect(textReport(report)).toBe(
      [
        'Lab guestbook: Run the guestbook',
        '  ! kubectl apply -f bad.yaml: error: <oops> & "more"',
        '  ✓ Pods are Running',
        '  ✗ Port <30001> & "quotes"',
        '      observed: connection refused\u0007',
        "      hint: look at the service's nodePort",
        '  - Cluster IP # answers (skipped)',
        '      observed: not reachable from outside',
        '1/2 checks passed',
        '',
      ].join('\n'),
    );
  });

  it('json round-trips the report', () => {
    expect(JSON.parse(jsonReport(report))).toEqual(report);
  });

  it('jsonl prints one typed line per result, then a summary with counts, and reads back to the report', () => {
    const text = jsonlReport(report);
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l).type)).toEqual(['result', 'result', 'result', 'summary']);
    expect(lines[0]).toBe(jsonlResult(report.results[0]!).trimEnd());
    expect(lines[0]).toMatch(/^\{"type":"result","id":"a","name":"Pods are Running","status":"passed",/);
    expect(JSON.parse(jsonlSummary(report))).toEqual({ type: 'summary', lab: 'guestbook', title: 'Run the guestbook', locale: 'en', passed: false, setup: report.setup, durationMs: 12_345, counts: { passed: 1, failed: 1, skipped: 1 } });
    const parsed = lines.map(parseGradeLine);
    const results = parsed.flatMap((l) => (l?.type === 'result' ? [resultOf(l)] : []));
    const summary = parsed.find((l) => l?.type === 'summary');
    expect(summary?.type === 'summary' && reportOf(summary, results)).toEqual(report);
  });

  it('parseGradeLine leaves everything that is not a grade line alone', () => {
    for (const line of ['', 'kubelab: lab "x" not found', '{"type":"result"}', '{"type":"result","id":"a","name":"n","status":"maybe"}', '{"type":"summary","lab":"x"}', '{not json', 'null', '[1]']) {
      expect(parseGradeLine(line), line).toBeUndefined();
    }
    expect(parseGradeLine(` ${jsonlResult(report.results[1]!)}`)).toEqual({ type: 'result', ...report.results[1] });
  });
});
