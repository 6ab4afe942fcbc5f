import MarkdownIt from 'markdown-it';

/**
 * Markdown of knowledge articles to HTML. `html: false` makes markdown-it escape every raw HTML
 * tag in the source (a `<script>` shows as text); its link check drops `javascript:`, `vbscript:`,
 * `file:` and non-image `data:` URLs. Links open in a new tab without handing over the opener.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  token.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** Plain text of the start of a Markdown body, for lists and suggestions. */
export function excerpt(source: string, max = 200): string {
  const text = source
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/**
 * An OR query over the words someone is typing, for suggestions: a ticket text is long, and an
 * AND of all its words would rarely match. Only letters and digits pass, so the text cannot carry
 * tsquery operators; German stop words are dropped by the dictionary.
 */
export function suggestionQuery(text: string, maxWords = 24): string | null {
  const words = [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).slice(0, 200))].slice(0, maxWords);
  return words.length ? words.join(' | ') : null;
}
