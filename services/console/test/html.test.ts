import { describe, expect, it } from 'vitest';
import { escapeHtml, html, query, raw } from '../src/html.js';

describe('html templates', () => {
  it('escapes every interpolated string, including quotes for attributes', () => {
    const evil = `<script>alert("x")</script><img src=x onerror='y'>`;
    const out = html`<p title="${evil}">${evil}</p>`.value;
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(out).toContain('onerror=&#39;y&#39;');
  });

  it('keeps nested templates and arrays as markup, drops null/undefined/booleans', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}</ul>`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
    expect(html`${raw('<b>')}`.value).toBe('<b>');
  });

  it('escapes backticks and ampersands', () => {
    expect(escapeHtml('a & `b`')).toBe('a &amp; &#96;b&#96;');
  });

  it('builds query strings from non-empty values only', () => {
    expect(query({ a: '1', b: '', c: undefined, d: 0 })).toBe('?a=1&d=0');
    expect(query({})).toBe('');
  });
});
