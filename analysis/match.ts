import type { Watch } from '../domain/watch.js';

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A case-insensitive whole-word pattern for a term (a term may be several words, or a #tag). */
function termPattern(term: string): RegExp {
  return new RegExp(`(^|[^\\p{L}\\p{N}_])${escape(term.trim())}(?=$|[^\\p{L}\\p{N}_])`, 'iu');
}

/** Whether a text is about the watch: any keyword present and no exclusion present. */
export function matchesWatch(watch: Pick<Watch, 'keywords' | 'exclusions'>, text: string): boolean {
  const hit = watch.keywords.some((keyword) => termPattern(keyword).test(text));
  return hit && !watch.exclusions.some((exclusion) => termPattern(exclusion).test(text));
}
