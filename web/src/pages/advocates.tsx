import { useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { useLoad } from '../hooks.js';
import { num, when } from '../format.js';
import { BASE } from '../router.js';
import type { AdvocatesParams, Page, ProfileJ } from '../types.js';

type Advocate = Omit<ProfileJ, 'recent'>;

export function Advocates() {
  const [filters, setFilters] = useState<AdvocatesParams>({ minScore: '0.01' });
  const [draft, setDraft] = useState({ watch: '', source: '', minScore: '0.01' });
  const page = useLoad(
    () => api<Page<Advocate>>(`/advocates${query({ ...filters, limit: 100 })}`),
    JSON.stringify(filters),
  );
  const csv = `/advocates.csv${query({ ...filters })}`;
  return (
    <div class="page">
      <h1>Advocates</h1>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters({
            watch: draft.watch || undefined,
            source: (draft.source || undefined) as AdvocatesParams['source'],
            minScore: String(Number(draft.minScore) || 0),
          });
        }}
      >
        <label>
          Watch
          <input
            value={draft.watch}
            onInput={(e) => setDraft({ ...draft, watch: e.currentTarget.value })}
          />
        </label>
        <label>
          Source
          <input
            value={draft.source}
            onInput={(e) => setDraft({ ...draft, source: e.currentTarget.value })}
          />
        </label>
        <label>
          Minimum score
          <input
            type="number"
            step="0.01"
            min="0"
            value={draft.minScore}
            onInput={(e) => setDraft({ ...draft, minScore: e.currentTarget.value })}
          />
        </label>
        <button type="submit">Filter</button>
        <a class="button" href={csv} download="advocates.csv">
          Download CSV
        </a>
      </form>
      {page.error && <p class="error">{page.error}</p>}
      <div class="scroll">
        <table class="grid">
          <caption class="sr-only">Advocates ranked by score</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Author</th>
              <th scope="col">Watch</th>
              <th scope="col">Score</th>
              <th scope="col">Positive</th>
              <th scope="col">Recommends</th>
              <th scope="col">Negative</th>
              <th scope="col">Total</th>
              <th scope="col">Followers</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {page.data?.items.map((a, index) => (
              <tr key={a.id}>
                <td>{index + 1}</td>
                <td>
                  <a href={`${BASE}/authors/${encodeURIComponent(a.authorId)}`}>{a.handle}</a>
                  {a.name && <span class="muted"> {a.name}</span>}
                </td>
                <td>
                  {a.watchId} · {a.source}
                </td>
                <td>{num(a.advocateScore)}</td>
                <td>{a.counts.positive}</td>
                <td>{a.counts.recommendations}</td>
                <td>{a.counts.negative}</td>
                <td>{a.counts.total}</td>
                <td>{a.followers ?? ''}</td>
                <td>{when(a.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
