/**
 * Plain-language messages. Rules may carry their own German and English wording; otherwise the
 * official text is cleaned of its "[ID]-" prefix. XRechnung rules are published in German, CEN
 * rules in English, so the missing language falls back to a short sentence naming the rule.
 */
import type { Rule } from './types.js';

function clean(text: string): string {
  return text
    .replace(/^\s*\[[^\]]+\]\s*-?\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const cache = new WeakMap<Rule, { de: string; en: string }>();

export function messagesFor(rule: Rule): { de: string; en: string } {
  const hit = cache.get(rule);
  if (hit) {
    return hit;
  }
  const official = clean(rule.text);
  const germanOfficial = rule.source === 'xr' && /\b(muss|soll|dürfen|darf|Das|Die|Eine|Wenn)\b/.test(official);
  const en = rule.en ?? (germanOfficial ? `Rule ${rule.id} (XRechnung) is violated: ${official}` : official);
  const de = rule.de ?? (germanOfficial ? official : `Regel ${rule.id} ist verletzt: ${official}`);
  const m = { de, en };
  cache.set(rule, m);
  return m;
}
