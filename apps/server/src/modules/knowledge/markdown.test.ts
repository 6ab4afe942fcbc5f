import { describe, expect, it } from 'vitest';
import { excerpt, renderMarkdown, suggestionQuery } from './markdown.js';

describe('knowledge markdown', () => {
  it('renders Markdown and escapes raw HTML', () => {
    const html = renderMarkdown('# VPN\n\n**Schritt 1:** Client installieren\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>');
    expect(html).toContain('<h1>VPN</h1>');
    expect(html).toContain('<strong>Schritt 1:</strong>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops unsafe link schemes and marks links noopener', () => {
    const html = renderMarkdown('[klick](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.org/a)');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/href="data:/i);
    expect(html).toContain('<a href="https://example.org/a" rel="noopener noreferrer">ok</a>');
  });

  it('makes a plain excerpt', () => {
    expect(excerpt('## Drucker\n\n- Öffnen Sie **Einstellungen** und [Geräte](https://x.de)', 200)).toBe('Drucker Öffnen Sie Einstellungen und Geräte');
    expect(excerpt('a'.repeat(300), 10)).toBe('aaaaaaaaa…');
  });

  it('builds an OR query of words only', () => {
    expect(suggestionQuery("Mein Drucker druckt nicht! ' & | :* (x)")).toBe('mein | drucker | druckt | nicht');
    expect(suggestionQuery('?? !')).toBeNull();
  });
});
