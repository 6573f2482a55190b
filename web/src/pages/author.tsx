import { api } from '../api.js';
import { MentionCard } from '../components/mention-card.js';
import { useLoad } from '../hooks.js';
import { num, when, words } from '../format.js';
import { BASE } from '../router.js';
import type { AuthorJ } from '../types.js';

export function Author({ id }: { id: string }) {
  const author = useLoad(() => api<AuthorJ>(`/authors/${encodeURIComponent(id)}`), id);
  if (author.error) {
    return <p class="error">{author.error}</p>;
  }
  if (!author.data) {
    return <p class="loading">Loading…</p>;
  }
  const { profiles, mentions, alerts } = author.data;
  return (
    <div class="page">
      <h1>{profiles[0]?.handle ?? id}</h1>
      {profiles.map((p) => (
        <p key={p.id} class="meta">
          {p.watchId} · {p.source} · {p.followers ?? '?'} followers · advocate score{' '}
          {num(p.advocateScore)} · {p.counts.positive} positive, {p.counts.negative} negative of{' '}
          {p.counts.total} · trend {p.trend === null ? 'n/a' : num(p.trend)} · since{' '}
          {when(p.firstSeen)}
        </p>
      ))}
      <h2>Alerts</h2>
      <ul>
        {alerts.map((alert) => (
          <li key={alert.id}>
            <a href={`${BASE}/inbox/${alert.id}`}>
              {words(alert.type)} ({alert.severity}, {alert.status})
            </a>{' '}
            {when(alert.createdAt)}
          </li>
        ))}
      </ul>
      <h2>Latest mentions</h2>
      {mentions.map((mention) => (
        <MentionCard key={mention.id} mention={mention} />
      ))}
    </div>
  );
}
