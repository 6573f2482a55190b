import { useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { Grid } from '../components/grid.js';
import { useLoad } from '../hooks.js';
import { num, when } from '../format.js';
import { BASE } from '../router.js';
import type { AdvocatesParams, Page, ProfileJ } from '../types.js';
import { SOURCE_NAMES } from '../../../domain/vocabulary.js';

type Advocate = Omit<ProfileJ, 'recent'>;

export function Advocates() {
  const [filters, setFilters] = useState<AdvocatesParams>({ minScore: '0.01' });
  const [draft, setDraft] = useState({ watch: '', source: '', minScore: '0.01' });
  const page = useLoad(
    () => api<Page<Advocate>>(`/advocates${query({ ...filters, limit: 100 })}`),
    JSON.stringify(filters),
  );
  const csv = `/advocates.csv${query({ ...filters })}`;
  /** One filter's field, edited in the draft until the form is sent. */
  const input = (
    key: keyof typeof draft,
    label: string,
    attributes: { type?: string; step?: string; min?: string } = {},
  ) => (
    <label>
      {label}
      <input
        {...attributes}
        value={draft[key]}
        onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
      />
    </label>
  );
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
        {input('watch', 'Watch')}
        <label>
          Source
          <select
            value={draft.source}
            onChange={(e) => setDraft({ ...draft, source: e.currentTarget.value })}
          >
            <option value="">any</option>
            {SOURCE_NAMES.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        {input('minScore', 'Minimum score', { type: 'number', step: '0.01', min: '0' })}
        <button type="submit">Filter</button>
        <a class="button" href={csv} download="advocates.csv">
          Download CSV
        </a>
      </form>
      {page.error && <p class="error">{page.error}</p>}
      {page.data?.items.length === 0 && <p>No advocates match.</p>}
      <Grid
        caption="Advocates ranked by score"
        columns={[
          '#',
          'Author',
          'Watch',
          'Score',
          'Positive',
          'Recommends',
          'Negative',
          'Total',
          'Followers',
          'Last seen',
        ]}
      >
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
      </Grid>
    </div>
  );
}
