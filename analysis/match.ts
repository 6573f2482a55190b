import type { Watch } from '../domain/watch.js';

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const patterns = new Map<string, RegExp>();

/** A case-insensitive whole-word pattern for a term (a term may be several words, or a #tag). */
function termPattern(term: string): RegExp {
  let pattern = patterns.get(term);
  if (!pattern) {
    pattern = new RegExp(`(^|[^\\p{L}\\p{N}_])${escape(term.trim())}(?=$|[^\\p{L}\\p{N}_])`, 'iu');
    // Bounded: keywords come from watches, but a long-running process should not grow forever.
    if (patterns.size > 10_000) {
      patterns.clear();
    }
    patterns.set(term, pattern);
  }
  return pattern;
}

/** Whether a text is about the watch: any keyword present and no exclusion present. */
export function matchesWatch(watch: Pick<Watch, 'keywords' | 'exclusions'>, text: string): boolean {
  const hit = watch.keywords.some((keyword) => termPattern(keyword).test(text));
  return hit && passesExclusions(watch, text);
}

/** Whether a text carries none of the watch's exclusions. */
export function passesExclusions(watch: Pick<Watch, 'exclusions'>, text: string): boolean {
  return !watch.exclusions.some((exclusion) => termPattern(exclusion).test(text));
}

/**
 * Whether a mention's language is one the watch wants: always when the watch names no languages
 * or the source does not say; else by primary subtag, so `en-GB` is `en`.
 */
export function matchesLanguage(watch: Pick<Watch, 'languages'>, lang: string | null): boolean {
  if (!watch.languages?.length || !lang) {
    return true;
  }
  const primary = lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return watch.languages.some((wanted) => wanted.toLowerCase() === primary);
}
