import type { ComponentChildren } from 'preact';
import { safeUrl } from '../api.js';
import { num, when, words } from '../format.js';
import type { MentionJ } from '../types.js';

/**
 * One mention. Everything in it was written by a stranger: it is only ever rendered as text nodes
 * (Preact escapes them), and its link is shown only when it is http(s).
 */
export function MentionCard({
  mention,
  children,
}: {
  mention: MentionJ;
  children?: ComponentChildren;
}) {
  const url = safeUrl(mention.url);
  const analysis = mention.analysis;
  return (
    <div class="mention">
      <p class="meta">
        <span class={`label label-${analysis?.label ?? 'none'}`}>
          {analysis?.label ?? 'pending'}
        </span>{' '}
        {analysis && `score ${num(analysis.score)}`}{' '}
        {analysis?.intents.map((intent) => (
          <span key={intent} class="intent">
            {words(intent)}
          </span>
        ))}{' '}
        · {mention.source} · <span class="handle">{mention.author.handle}</span>
        {mention.author.name && ` (${mention.author.name})`} ·{' '}
        <time dateTime={mention.createdAt}>{when(mention.createdAt)}</time>
        {url && (
          <>
            {' '}
            ·{' '}
            <a href={url} target="_blank" rel="noopener noreferrer">
              original post
            </a>
          </>
        )}
      </p>
      <p class="text">{mention.text}</p>
      {analysis && analysis.evidence.length > 0 && (
        <p class="why">Why: {analysis.evidence.join(', ')}</p>
      )}
      {children}
    </div>
  );
}
