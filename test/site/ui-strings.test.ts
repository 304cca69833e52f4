// The site's widget words at parity: every key in both locales, every {placeholder} kept, and no
// Chinese string left in English.
import { describe, expect, it } from 'vitest';
import { ui } from '../../src/site/ui-strings.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('ui strings', () => {
  it('has the same keys in English and Chinese', () => {
    expect(Object.keys(ui['zh-cn']).sort()).toEqual(Object.keys(ui.en).sort());
  });

  it.each(Object.keys(ui.en) as (keyof typeof ui.en)[])('%s keeps its placeholders and is translated', (key) => {
    const en = ui.en[key];
    const zh = ui['zh-cn'][key];
    expect(placeholders(zh)).toEqual(placeholders(en));
    expect(zh.trim()).not.toBe('');
    // A string with English words in it must not be the same in Chinese.
    if (/[a-z]{3,}/i.test(en.replace(/\{\w+\}/g, ''))) expect(zh).not.toBe(en);
  });
});
